import type { MediaWorkerHealth } from '@app/shared';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { AppConfig } from '../config/app-config';

export type WorkerSettings = ms.WorkerSettings;
export type MediaWorker = ms.Worker;
/** Injected so unit tests can fake mediasoup; production passes `mediasoup.createWorker`. */
export const CREATE_MEDIA_WORKER = Symbol('CREATE_MEDIA_WORKER');
export type CreateMediaWorker = (settings: WorkerSettings) => Promise<MediaWorker>;

interface Slot {
  worker: MediaWorker | null;
  restarts: number;
  settings: WorkerSettings;
}

/**
 * One mediasoup worker per core, handed out round-robin. A worker that dies is logged and
 * replaced in its slot (with the same port range) so the process keeps serving rooms.
 */
@Injectable()
export class MediaWorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MediaWorkerPool.name);
  private readonly slots: Slot[] = [];
  private nextIndex = 0;
  private closing = false;

  constructor(
    private readonly config: AppConfig,
    @Inject(CREATE_MEDIA_WORKER) private readonly createWorker: CreateMediaWorker,
  ) {}

  async onModuleInit(): Promise<void> {
    const { workers, rtcMinPort, rtcMaxPort, logLevel } = this.config.media;
    const span = Math.floor((rtcMaxPort - rtcMinPort + 1) / workers);
    for (let i = 0; i < workers; i++) {
      // Disjoint port ranges: two workers never race for the same UDP port.
      const settings: WorkerSettings = {
        logLevel,
        rtcMinPort: rtcMinPort + i * span,
        rtcMaxPort: rtcMinPort + (i + 1) * span - 1,
        appData: { slot: i },
      };
      const slot: Slot = { worker: null, restarts: 0, settings };
      this.slots.push(slot);
      await this.start(slot);
    }
    this.logger.log(`${workers} mediasoup worker(s) started`);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const slot of this.slots) slot.worker?.close();
  }

  /** The next live worker, round-robin; throws when every slot is restarting. */
  nextWorker(): MediaWorker {
    for (let tried = 0; tried < this.slots.length; tried++) {
      const slot = this.slots[this.nextIndex];
      this.nextIndex = (this.nextIndex + 1) % this.slots.length;
      if (slot.worker && isAlive(slot.worker)) return slot.worker;
    }
    throw new Error('No mediasoup worker is alive');
  }

  health(): MediaWorkerHealth[] {
    return this.slots.map((slot) => ({
      pid: slot.worker?.pid ?? 0,
      alive: !!slot.worker && isAlive(slot.worker),
      restarts: slot.restarts,
    }));
  }

  private async start(slot: Slot): Promise<void> {
    const worker = await this.createWorker(slot.settings);
    slot.worker = worker;
    worker.on('died', (error) => {
      this.logger.error(`mediasoup worker pid ${worker.pid} died: ${error.message}; replacing it`);
      if (!this.closing) void this.replace(slot);
    });
  }

  private async replace(slot: Slot): Promise<void> {
    slot.restarts++;
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        await this.start(slot);
        this.logger.log(`mediasoup worker replaced (pid ${slot.worker?.pid})`);
        return;
      } catch (error) {
        this.logger.error(`mediasoup worker restart attempt ${attempt} failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * attempt, 10_000)));
      }
    }
  }
}

function isAlive(worker: MediaWorker): boolean {
  return !worker.died && !worker.closed;
}
