import { AppConfig, loadConfig } from '../../config/app-config';
import type { MuxOutput } from './recording-mux';

export interface RecordingOptions {
  ffmpegPath: string;
  ffprobePath: string;
  /** The finished file: a grid of the video tracks on this canvas, all audio mixed. */
  output: MuxOutput;
  /** A capture's ffmpeg must be listening within this time (it takes ~0.2 s; much longer on a loaded host). */
  listenTimeoutMs: number;
  /** A room whose router closed and got no new one within this time has its recording stopped. */
  routerGoneGraceMs: number;
  /**
   * At boot, a recording the last server stop interrupted is finalised after this delay: captures a
   * crashed server left behind end on their own ~10 s after their RTP stops, finishing their files.
   */
  recoveryDelayMs: number;
  /** Free space needed to start a recording; a running one is stopped below half of it. 0: no check. */
  minFreeBytes: number;
  /** How often a running recording checks the free space. */
  diskCheckIntervalMs: number;
}

export const RECORDING_OPTIONS = Symbol('RECORDING_OPTIONS');

/** The options of a configuration (RECORDING_* and FFMPEG_PATH / FFPROBE_PATH). */
export function recordingOptions(settings: AppConfig['recording']): RecordingOptions {
  return {
    ffmpegPath: settings.ffmpegPath,
    ffprobePath: settings.ffprobePath,
    output: {
      // 960×540 (the default): a 2×2 grid of 480×270 tiles, and about a fifth of the recording's
      // duration in CPU time to encode (VP8 realtime, cpu-used 8) on the demo host.
      width: settings.width,
      height: settings.height,
      fps: settings.fps,
      videoBitrate: `${settings.videoBitrateKbps}k`,
      audioBitrate: '64k',
      cpuUsed: 8,
      keyframeSeconds: 4,
    },
    listenTimeoutMs: 10_000,
    routerGoneGraceMs: 15_000,
    recoveryDelayMs: 20_000,
    minFreeBytes: settings.minFreeMb * 1024 * 1024,
    diskCheckIntervalMs: 10_000,
  };
}

/** What the default configuration gives; tests start from it. */
export const DEFAULT_RECORDING_OPTIONS: RecordingOptions = recordingOptions(loadConfig({}).recording);
