import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MediaProbe {
  /** Seconds; the container's own start time. */
  start: number;
  /** Seconds; from the container, else from the last packet (a file cut short has no duration). */
  duration: number;
  video: { width: number; height: number } | null;
  audio: boolean;
}

interface ProbeJson {
  streams?: { codec_type?: string; width?: number; height?: number }[];
  format?: { start_time?: string; duration?: string };
  packets?: { pts_time?: string; duration_time?: string }[];
}

/** ffprobe of one media file; null when it cannot be read at all. */
export async function probeMedia(ffprobe: string, path: string): Promise<MediaProbe | null> {
  let json: ProbeJson;
  try {
    const { stdout } = await run(
      ffprobe,
      [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type,width,height:format=start_time,duration',
        '-of',
        'json',
        path,
      ],
      { maxBuffer: 1 << 20 },
    );
    json = JSON.parse(stdout) as ProbeJson;
  } catch {
    return null;
  }
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && (s.width ?? 0) > 0);
  const start = number(json.format?.start_time) ?? 0;
  const duration = number(json.format?.duration) ?? (await lastPacketEnd(ffprobe, path)) - start;
  return {
    start,
    duration: Math.max(0, duration),
    video: video ? { width: video.width ?? 0, height: video.height ?? 0 } : null,
    audio: streams.some((s) => s.codec_type === 'audio'),
  };
}

/** End of the last packet, reading them all: only for files whose writer was cut short. */
async function lastPacketEnd(ffprobe: string, path: string): Promise<number> {
  try {
    const { stdout } = await run(
      ffprobe,
      ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'json', path],
      { maxBuffer: 256 << 20 },
    );
    const packets = (JSON.parse(stdout) as ProbeJson).packets ?? [];
    return packets.reduce((end, p) => Math.max(end, (number(p.pts_time) ?? 0) + (number(p.duration_time) ?? 0)), 0);
  } catch {
    return 0;
  }
}

function number(value: string | undefined): number | null {
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}
