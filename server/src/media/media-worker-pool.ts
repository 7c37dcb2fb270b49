import type { MediaWorkerHealth } from '@app/shared';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { AppConfig } from '../config/app-config';
import { MediaUnavailableError } from './media-errors';

export type WorkerSettings = ms.WorkerSettings;
export type MediaWorker = ms.Worker;
/** Injected so unit tests can fake mediasoup; production passes `mediasoup.createWorker`. */
export const CREATE_MEDIA_WORKER = Symbol('CREATE_MEDIA_WORKER');
export type CreateMediaWorker = (settings: WorkerSettings) => Promise<MediaWorker>;

/** A worker and its WebRtcServer (null when the port could not be opened: see `startWebRtcServer`). */
export interface MediaHost {
  worker: MediaWorker;
  webRtcServer: ms.WebRtcServer | null;
}

interface Slot {
  index: number;
  worker: MediaWorker | null;
  webRtcServer: ms.WebRtcServer | null;
  /** The worker is up but its WebRtcServer is still opening: not handed out yet. */
  opening: boolean;
  restarts: number;
  settings: WorkerSettings;
}

/**
 * One mediasoup worker per core, handed out round-robin. A worker that dies is logged and
 * replaced in its slot (with the same port range) so the process keeps serving rooms.
 *
 * Each worker gets a WebRtcServer: every WebRTC transport of that worker shares one UDP and one TCP
 * port (MEDIA_WEBRTC_PORT + slot), so a commune's firewall opens a handful of ports, not a range.
 * It is opened right after the worker starts, before any transport can take that port from the
 * worker's range, and again for a replacement worker.
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
      const slot: Slot = { index: i, worker: null, webRtcServer: null, opening: false, restarts: 0, settings };
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
    return this.nextHost().worker;
  }

  /** The next live worker with its WebRtcServer, round-robin; throws when every slot is restarting. */
  nextHost(): MediaHost {
    for (let tried = 0; tried < this.slots.length; tried++) {
      const slot = this.slots[this.nextIndex];
      this.nextIndex = (this.nextIndex + 1) % this.slots.length;
      if (slot.worker && isAlive(slot.worker) && !slot.opening) {
        return { worker: slot.worker, webRtcServer: slot.webRtcServer };
      }
    }
    throw new MediaUnavailableError('No mediasoup worker is alive');
  }

  /**
   * Like `nextHost`, but waits up to `timeoutMs` for a replacement when every worker is down: the
   * clients of a room whose worker died rejoin at once, usually before the new worker is up.
   */
  async acquireHost(timeoutMs = 5000): Promise<MediaHost> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return this.nextHost();
      } catch (error) {
        if (this.closing || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
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
    slot.webRtcServer = null;
    slot.opening = true;
    worker.on('died', (error) => {
      this.logger.error(`mediasoup worker pid ${worker.pid} died: ${error.message}; replacing it`);
      if (!this.closing) void this.replace(slot);
    });
    const webRtcServer = await this.startWebRtcServer(worker, slot.index);
    if (slot.worker === worker) {
      slot.webRtcServer = webRtcServer;
      slot.opening = false;
    }
  }

  /**
   * A port already taken (another process, a second instance) does not stop the product: the
   * worker's transports then listen on its port range instead, as before, and the log says so.
   */
  private async startWebRtcServer(worker: MediaWorker, index: number): Promise<ms.WebRtcServer | null> {
    const { listenIp, announcedAddress, webRtcPort } = this.config.media;
    const port = webRtcPort + index;
    const listen = { ip: listenIp, announcedAddress: announcedAddress ?? undefined, port };
    try {
      return await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ...listen },
          { protocol: 'tcp', ...listen },
        ],
        appData: { slot: index },
      });
    } catch (error) {
      this.logger.error(
        `No WebRtcServer on ${listenIp}:${port} for worker pid ${worker.pid} (${(error as Error).message}); ` +
          `its WebRTC transports use ports ${String(this.slots[index]?.settings.rtcMinPort)}-${String(this.slots[index]?.settings.rtcMaxPort)}`,
      );
      return null;
    }
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
