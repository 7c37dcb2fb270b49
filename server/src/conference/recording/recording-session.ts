import { mkdir, rename, writeFile } from 'node:fs/promises';

import type { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { ProcessGroup } from './recorder-process';
import { RtcpSignals } from './rtp-ports';
import { CapturedSegment, RecordingSource, TrackCapture } from './track-capture';

/** `tracks.json`: enough to mix the tracks later, even after a server restart. */
export interface RecordingManifest {
  recordingId: string;
  meetingId: string;
  startedAt: string;
  segments: CapturedSegment[];
}

export interface RecordingSessionContext {
  tracksDir: string;
  manifestPath: string;
  ffmpegPath: string;
  listenTimeoutMs: number;
  processes: ProcessGroup;
  rtcp: RtcpSignals;
  logger: Logger;
}

/**
 * A recording in progress: one TrackCapture per recorded producer, each appending its segments to
 * `tracks.json` as they start. The router can change under it (a room rebuilt on a new worker).
 */
export class RecordingSession {
  private readonly tracks = new Map<string, TrackCapture>();
  private readonly manifest: RecordingManifest;
  private trackCount = 0;
  private saving: Promise<void> = Promise.resolve();
  /** Its start failed: there is nothing to stop. */
  failed = false;
  /** Set while the router is gone: the recording stops unless a new router comes. */
  routerGoneTimer: NodeJS.Timeout | null = null;
  /** Ends the free-space checks while it runs. */
  stopDiskWatch: (() => void) | null = null;

  constructor(
    readonly recordingId: string,
    readonly meetingId: string,
    readonly startedAt: Date,
    public router: ms.Router,
    private readonly context: RecordingSessionContext,
  ) {
    this.manifest = { recordingId, meetingId, startedAt: startedAt.toISOString(), segments: [] };
  }

  async open(): Promise<void> {
    await mkdir(this.context.tracksDir, { recursive: true });
    await this.save();
  }

  /** Starts capturing a producer (once; a closed producer is ignored). */
  async add(source: RecordingSource): Promise<void> {
    const producerId = source.producer.id;
    if (this.tracks.has(producerId) || source.producer.closed) return;
    const capture: TrackCapture = new TrackCapture(source, {
      ...this.context,
      trackId: `t${++this.trackCount}`,
      startedAt: this.startedAt.getTime(),
      onSegment: (segment) => this.record(segment),
      onEnded: () => {
        if (this.tracks.get(producerId) === capture) this.tracks.delete(producerId);
      },
    });
    this.tracks.set(producerId, capture);
    try {
      await capture.start(this.router);
    } catch (error) {
      this.tracks.delete(producerId);
      throw error;
    }
  }

  async remove(producerId: string): Promise<void> {
    const capture = this.tracks.get(producerId);
    this.tracks.delete(producerId);
    await capture?.stop();
  }

  /** Stops every capture; their files are complete when this resolves. */
  async close(): Promise<void> {
    if (this.routerGoneTimer) clearTimeout(this.routerGoneTimer);
    this.stopDiskWatch?.();
    const captures = [...this.tracks.values()];
    this.tracks.clear();
    await Promise.all(captures.map((capture) => capture.stop()));
    await this.saving;
  }

  private record(segment: CapturedSegment): Promise<void> {
    this.manifest.segments.push(segment);
    return this.save();
  }

  /** Written whole and renamed into place, one write at a time. */
  private save(): Promise<void> {
    const json = JSON.stringify(this.manifest, null, 2);
    const { manifestPath } = this.context;
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        await writeFile(`${manifestPath}.tmp`, json);
        await rename(`${manifestPath}.tmp`, manifestPath);
      });
    return this.saving;
  }
}
