import type { PeerHealth } from '@app/shared';
import { Injectable, Logger } from '@nestjs/common';

import { PeerMonitor } from './adaptation/peer-monitor';
import { ConferenceConsumers } from './conference-consumers';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferencePeer } from './conference-peer';
import type { ConferenceRoom } from './conference-room';
import { ConferenceRoomsService } from './conference-rooms.service';

/** How often a bridge samples its peers' links and sends organisers their health. */
export const HEALTH_INTERVAL_MS = 2000;

/**
 * Each bridge's timer: samples every peer's link (adaptation's PeerMonitor), applies a changed
 * downlink level to the peer's video consumers (layer cap, or paused in audio only), and sends the
 * organisers `conference:health`. Test calls have no timer: nobody watches them.
 */
@Injectable()
export class ConferenceHealthService {
  private readonly logger = new Logger(ConferenceHealthService.name);
  private readonly monitors = new WeakMap<ConferencePeer, PeerMonitor>();

  constructor(
    rooms: ConferenceRoomsService,
    private readonly consumers: ConferenceConsumers,
    private readonly notifier: ConferenceNotifier,
  ) {
    rooms.onRoomCreated((room) => {
      if (!room.test) this.watch(room);
    });
  }

  /** Samples one peer now (e.g. it switched audio only) and applies its level. */
  async refresh(room: ConferenceRoom, peer: ConferencePeer): Promise<PeerHealth> {
    const { health, level } = await this.monitor(peer).sample();
    if (!peer.closed && level !== peer.downlink) {
      peer.downlink = level;
      await this.consumers.applyLevel(peer);
      this.notifier.state(room);
    }
    return health;
  }

  private watch(room: ConferenceRoom): void {
    let busy = false;
    const timer = setInterval(() => {
      // A slow worker must not pile up samples.
      if (busy) return;
      busy = true;
      this.tick(room)
        .catch((error: Error) => this.logger.warn(`health of ${room.key}: ${error.message}`))
        .finally(() => (busy = false));
    }, HEALTH_INTERVAL_MS);
    timer.unref();
    room.once('close', () => clearInterval(timer));
  }

  private async tick(room: ConferenceRoom): Promise<void> {
    const peers = [...room.peers.values()];
    const health = await Promise.all(peers.map((peer) => this.refresh(room, peer)));
    if (!room.closed) this.notifier.health(room, health);
  }

  private monitor(peer: ConferencePeer): PeerMonitor {
    let monitor = this.monitors.get(peer);
    if (!monitor) {
      monitor = new PeerMonitor(
        peer.id,
        {
          transports: () => peer.transports.values(),
          producers: () => Object.fromEntries(peer.producers),
          consumers: () => peer.consumers.values(),
          audioOnly: () => peer.audioOnly,
        },
        peer.downlink,
      );
      this.monitors.set(peer, monitor);
    }
    return monitor;
  }
}
