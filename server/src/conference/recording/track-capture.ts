import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { MediaSource } from '@app/shared';
import type { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { ProcessGroup, RecorderProcess } from './recorder-process';
import { captureArgs, captureSdp, recorderRtpCapabilities } from './recording-sdp';
import { reservePortPair, RtcpSignals, waitUntilListening } from './rtp-ports';

/** A producer of the room the conference asks to record. */
export interface RecordingSource {
  producer: ms.Producer;
  peerId: string;
  displayName: string;
  source: MediaSource;
}

/** One file of one track, as `tracks.json` lists it. */
export interface CapturedSegment {
  trackId: string;
  kind: ms.MediaKind;
  source: MediaSource;
  peerId: string;
  displayName: string;
  /** File name inside the tracks folder. */
  file: string;
  /** From the recording's start to the moment this file started receiving. */
  offsetMs: number;
}

export interface TrackCaptureContext {
  trackId: string;
  tracksDir: string;
  /** Epoch ms of the recording's start. */
  startedAt: number;
  ffmpegPath: string;
  listenTimeoutMs: number;
  processes: ProcessGroup;
  rtcp: RtcpSignals;
  logger: Logger;
  onSegment(segment: CapturedSegment): Promise<void>;
  /** The producer or its router went away: the track ended on its own. */
  onEnded(): void;
}

const KEEPALIVE_MS = 3000;
const KEYFRAME_REQUESTS_MS = [0, 500, 1500, 3000];
const MAX_RESTARTS = 3;

/**
 * One recorded producer: a PlainTransport (comedia off, RTCP on its own port) with one consumer,
 * sending to an ffmpeg on loopback that copies the RTP into Matroska as it arrives. The consumer is
 * created paused and resumed once ffmpeg listens, then a keyframe is asked for, so video starts
 * decodable. An ffmpeg that dies mid-recording is restarted into a new segment (same ports).
 */
export class TrackCapture {
  private transport: ms.PlainTransport | null = null;
  private consumer: ms.Consumer | null = null;
  private port = 0;
  private current: RecorderProcess | null = null;
  private segments = 0;
  private restarts = 0;
  private stopping = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly source: RecordingSource,
    private readonly context: TrackCaptureContext,
  ) {}

  get producerId(): string {
    return this.source.producer.id;
  }

  async start(router: ms.Router): Promise<void> {
    try {
      this.transport = await router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
        rtcpMux: false,
        comedia: false,
        appData: { recorder: true },
      });
      this.consumer = await this.transport.consume({
        producerId: this.producerId,
        rtpCapabilities: recorderRtpCapabilities(router.rtpCapabilities),
        paused: true,
      });
      this.consumer.on('producerclose', () => this.endedByRoom());
      this.consumer.on('transportclose', () => this.endedByRoom());
      this.port = await reservePortPair();
      await this.startSegment();
      await this.transport.connect({ ip: '127.0.0.1', port: this.port, rtcpPort: this.port + 1 });
      await this.consumer.resume();
      this.requestKeyFrames();
      this.every(KEEPALIVE_MS, () => this.context.rtcp.keepAlive(this.port + 1));
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the capture and lets ffmpeg finish its file; idempotent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.transport?.close();
    const process = this.current;
    if (!process?.running) return;
    // BYE: ffmpeg ends the input and writes the trailer. Sent twice in case the first is lost.
    this.context.rtcp.bye(this.port + 1);
    if (await process.exitsWithin(2000)) return;
    this.context.rtcp.bye(this.port + 1);
    if (await process.exitsWithin(2000)) return;
    this.context.logger.warn(`recording track ${this.context.trackId}: ffmpeg ignored BYE, killed`);
    process.kill('SIGKILL');
    await process.exited;
  }

  private async startSegment(): Promise<void> {
    const { trackId, tracksDir, ffmpegPath, listenTimeoutMs, processes } = this.context;
    const consumer = this.consumer as ms.Consumer;
    const name = `${trackId}-${++this.segments}`;
    const sdpPath = join(tracksDir, `${name}.sdp`);
    await writeFile(sdpPath, captureSdp(consumer.kind, consumer.rtpParameters, this.port));
    const process = processes.spawn(ffmpegPath, captureArgs(sdpPath, join(tracksDir, `${name}.mkv`)));
    this.current = process;
    try {
      await waitUntilListening(process, this.port, listenTimeoutMs);
    } catch (error) {
      process.kill();
      throw error;
    }
    if (this.stopping) {
      // stop() ran while this restart was starting up.
      process.kill();
      return;
    }
    void process.exited.then(() => this.segmentExited(process));
    await this.whenMediaFlows(consumer, (at) =>
      this.context.onSegment({
        trackId,
        kind: consumer.kind,
        source: this.source.source,
        peerId: this.source.peerId,
        displayName: this.source.displayName,
        file: `${name}.mkv`,
        offsetMs: at - this.context.startedAt,
      }),
    );
  }

  /**
   * Calls `listed` with the time the first packet ffmpeg will keep leaves the router: for video
   * the first keyframe (mediasoup forwards nothing before one after a resume, and ffmpeg drops
   * what precedes it), for audio the first packet. That instant is the segment's offset in the
   * recording; a segment that never gets media is never listed.
   */
  private async whenMediaFlows(consumer: ms.Consumer, listed: (at: number) => Promise<void>): Promise<void> {
    const type = consumer.kind === 'video' ? 'keyframe' : 'rtp';
    const onTrace = (trace: ms.ConsumerTraceEventData) => {
      if (trace.type !== type) return;
      const at = Date.now();
      consumer.off('trace', onTrace);
      void consumer.enableTraceEvent([]).catch(() => undefined);
      listed(at).catch((error: unknown) =>
        this.context.logger.error(`recording track ${this.context.trackId}: ${String(error)}`),
      );
    };
    consumer.on('trace', onTrace);
    await consumer.enableTraceEvent([type]);
  }

  /** An ffmpeg that exits on its own while the track is wanted is restarted, a few times. */
  private segmentExited(process: RecorderProcess): void {
    if (this.stopping || process !== this.current) return;
    const reason = process.stderrTail() || 'no output';
    if (this.restarts >= MAX_RESTARTS) {
      this.context.logger.error(`recording track ${this.context.trackId}: ffmpeg keeps exiting (${reason}); given up`);
      return;
    }
    this.restarts++;
    this.context.logger.warn(`recording track ${this.context.trackId}: ffmpeg exited (${reason}); restarting`);
    this.after(1000, () => {
      if (this.stopping) return;
      this.startSegment()
        .then(() => this.requestKeyFrames())
        .catch((error: unknown) =>
          this.context.logger.error(`recording track ${this.context.trackId}: restart failed: ${String(error)}`),
        );
    });
  }

  private requestKeyFrames(): void {
    const consumer = this.consumer;
    if (consumer?.kind !== 'video') return;
    for (const delay of KEYFRAME_REQUESTS_MS) {
      this.after(delay, () => void consumer.requestKeyFrame().catch(() => undefined));
    }
  }

  private endedByRoom(): void {
    if (this.stopping) return;
    void this.stop().finally(() => this.context.onEnded());
  }

  private after(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    this.timers.add(timer);
  }

  private every(ms: number, work: () => void): void {
    const tick = () => {
      work();
      this.after(ms, tick);
    };
    this.after(ms, tick);
  }
}
