import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { ConferenceRecording } from './conference-recording.entity';
import { probeMedia } from './media-probe';
import { ProcessGroup } from './recorder-process';
import { MuxSegment, muxArgs, progressPercent } from './recording-mux';
import { RECORDING_OPTIONS, RecordingOptions } from './recording-options';
import type { RecordingManifest } from './recording-session';
import { RecordingStorage } from './recording-storage';

export interface FinaliseOptions {
  /** Wall time from start to stop; unknown after a crash (then: the end of the last track). */
  totalSeconds?: number;
  onProgress?: (percent: number) => void;
  /** Aborted at shutdown: the row is left `processing` for the next boot to redo. */
  signal?: AbortSignal;
}

class RecordingFailure extends Error {}

/**
 * Turns a stopped recording's tracks into its one file: probe every captured segment, mix them
 * (recording-mux.ts), measure the result, hash it, mark the row ready and drop the raw tracks. On
 * failure the row says why and the tracks stay for a later attempt.
 */
@Injectable()
export class RecordingFinaliser {
  private readonly logger = new Logger(RecordingFinaliser.name);

  constructor(
    @InjectRepository(ConferenceRecording) private readonly recordings: Repository<ConferenceRecording>,
    private readonly storage: RecordingStorage,
    @Inject(RECORDING_OPTIONS) private readonly options: RecordingOptions,
  ) {}

  async finalise(
    recordingId: string,
    processes: ProcessGroup,
    options: FinaliseOptions = {},
  ): Promise<ConferenceRecording> {
    const row = await this.recordings.findOneByOrFail({ id: recordingId });
    const { meetingId } = row;
    const target = this.storage.filePath(meetingId, row.id);
    const part = join(this.storage.recordingDir(meetingId, row.id), `recording.${process.pid}.part.webm`);
    const began = Date.now();
    try {
      const segments = await this.segments(meetingId, row.id);
      const probed = Date.now();
      if (!segments.length) {
        throw new RecordingFailure('Không nhận được hình hay tiếng nào / No audio or video was received');
      }
      const lastEnd = Math.max(...segments.map((s) => s.offset + s.duration));
      const totalSeconds = options.totalSeconds ?? lastEnd;
      await this.mux({ segments, totalSeconds, target: part }, processes, options.onProgress);
      const mixed = Date.now();
      await rename(part, target);
      const probe = await probeMedia(this.options.ffprobePath, target);
      if (!probe?.video || !probe.audio)
        throw new RecordingFailure('Tệp ghi hình không đọc được / The mixed file is unreadable');
      const { size } = await stat(target);
      const changes: Partial<ConferenceRecording> = {
        status: 'ready',
        endedAt: row.endedAt ?? new Date(row.startedAt.getTime() + Math.round(totalSeconds * 1000)),
        durationMs: Math.round(probe.duration * 1000),
        fileBytes: size,
        sha256: await sha256Of(target),
        path: this.storage.relativeFilePath(meetingId, row.id),
        failureReason: null,
      };
      await this.recordings.update({ id: row.id }, changes);
      this.logger.log(
        `recording ${row.id}: ${segments.length} segment(s), ${probe.duration.toFixed(1)} s for ` +
          `${totalSeconds.toFixed(1)} s recorded; probe ${probed - began} ms, mix ${mixed - probed} ms, ` +
          `check ${Date.now() - mixed} ms`,
      );
      await rm(this.storage.tracksDir(meetingId, row.id), { recursive: true, force: true });
      options.onProgress?.(100);
      return Object.assign(row, changes);
    } catch (error) {
      await rm(part, { force: true });
      if (options.signal?.aborted) return row;
      const reason =
        error instanceof RecordingFailure
          ? error.message
          : `Ghép bản ghi hình thất bại / Mixing the recording failed: ${(error as Error).message}`.slice(0, 500);
      this.logger.error(`recording ${row.id} failed: ${reason}`);
      const changes: Partial<ConferenceRecording> = {
        status: 'failed',
        failureReason: reason,
        endedAt: row.endedAt ?? new Date(),
      };
      await this.recordings.update({ id: row.id }, changes);
      return Object.assign(row, changes);
    }
  }

  /** Every segment listed in `tracks.json` that ffprobe can read, with its timing. */
  private async segments(meetingId: string, recordingId: string): Promise<MuxSegment[]> {
    let manifest: RecordingManifest;
    try {
      manifest = JSON.parse(
        await readFile(this.storage.manifestPath(meetingId, recordingId), 'utf8'),
      ) as RecordingManifest;
    } catch {
      return [];
    }
    const tracksDir = this.storage.tracksDir(meetingId, recordingId);
    const probes = await inBatches(manifest.segments, 4, (segment) =>
      probeMedia(this.options.ffprobePath, join(tracksDir, segment.file)),
    );
    return manifest.segments.flatMap((segment, i) => {
      const probe = probes[i];
      const usable = segment.kind === 'video' ? !!probe?.video : !!probe?.audio;
      if (!probe || !usable || probe.duration <= 0) {
        this.logger.warn(`recording ${recordingId}: ${segment.file} has no usable media, left out`);
        return [];
      }
      return [
        {
          path: join(tracksDir, segment.file),
          kind: segment.kind,
          trackId: segment.trackId,
          offset: segment.offsetMs / 1000,
          start: probe.start,
          duration: probe.duration,
        },
      ];
    });
  }

  private async mux(
    plan: { segments: MuxSegment[]; totalSeconds: number; target: string },
    processes: ProcessGroup,
    onProgress?: (percent: number) => void,
  ): Promise<void> {
    const ffmpeg = processes.spawn(this.options.ffmpegPath, muxArgs({ ...plan, output: this.options.output }));
    let last = -1;
    ffmpeg.onStdoutLine((line) => {
      const percent = progressPercent(line, plan.totalSeconds);
      if (percent !== null && percent > last) onProgress?.((last = percent));
    });
    const exit = await ffmpeg.exited;
    if (exit.error) throw new Error(`ffmpeg could not start: ${exit.error.message}`);
    if (exit.code !== 0) {
      throw new Error(ffmpeg.stderrTail() || `ffmpeg exited with ${exit.code ?? exit.signal}`);
    }
  }
}

/** `work` over `items`, `size` at a time, results in order. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
