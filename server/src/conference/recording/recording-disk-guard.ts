import { mkdir } from 'node:fs/promises';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { DiskSpace } from './disk-space';
import { RECORDING_OPTIONS, RecordingOptions } from './recording-options';
import { RecordingStorage } from './recording-storage';
import { NotEnoughDiskSpaceError } from './recording.errors';

const MB = 1024 * 1024;

/**
 * Keeps recordings from filling the disk the database and documents live on: a recording starts
 * only with RECORDING_MIN_FREE_MB free under the recordings folder, and a running one is stopped
 * (its file still mixed) when free space falls below half of that, leaving room for the mix.
 */
@Injectable()
export class RecordingDiskGuard {
  private readonly logger = new Logger(RecordingDiskGuard.name);

  constructor(
    private readonly disk: DiskSpace,
    private readonly storage: RecordingStorage,
    @Inject(RECORDING_OPTIONS) private readonly options: RecordingOptions,
  ) {}

  /** NotEnoughDiskSpaceError, with what is free and what is needed, below the minimum. */
  async checkBeforeStart(): Promise<void> {
    const needed = this.options.minFreeBytes;
    if (needed <= 0) return;
    const free = await this.freeBytes();
    if (free < needed) {
      throw new NotEnoughDiskSpaceError(
        'Không đủ dung lượng đĩa để ghi hình / Not enough disk space to record ' +
          `(${Math.floor(free / MB)} MB free, ${Math.ceil(needed / MB)} MB needed)`,
      );
    }
  }

  /**
   * Checks every diskCheckIntervalMs and calls `onLow` once, when free space is below half the
   * minimum. Returns the function that stops watching. A failed check is logged and retried.
   */
  watch(onLow: (freeBytes: number) => void): () => void {
    const floor = this.options.minFreeBytes / 2;
    if (floor <= 0) return () => undefined;
    let stopped = false;
    let checking = false;
    const timer = setInterval(() => {
      if (checking) return;
      checking = true;
      this.freeBytes()
        .then((free) => {
          if (stopped || free >= floor) return;
          stop();
          onLow(free);
        })
        .catch((error: unknown) => this.logger.warn(`recording disk check failed: ${String(error)}`))
        .finally(() => (checking = false));
    }, this.options.diskCheckIntervalMs);
    timer.unref();
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    return stop;
  }

  private async freeBytes(): Promise<number> {
    const dir = this.storage.rootDir();
    await mkdir(dir, { recursive: true });
    return this.disk.freeBytes(dir);
  }
}
