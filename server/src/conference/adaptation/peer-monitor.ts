import type { DownlinkLevel, MediaSource, PeerHealth } from '@app/shared';
import type { types as ms } from 'mediasoup';

import { DownlinkPolicy } from './downlink-policy';
import { readPeerStats } from './peer-stats';

/** Where a PeerMonitor finds one peer's mediasoup objects; read afresh on every sample. */
export interface PeerMediaSources {
  transports: () => Iterable<ms.Transport>;
  /** The peer's producers by source (at most one each, as in ConferencePeer.producers). */
  producers: () => Partial<Record<MediaSource, ms.Producer>>;
  consumers: () => Iterable<ms.Consumer>;
  /** The peer chose audio only. */
  audioOnly?: () => boolean;
  /** Clock, ms (tests). */
  now?: () => number;
}

export interface PeerSample {
  health: PeerHealth;
  level: DownlinkLevel;
  /** The level differs from the previous sample's: apply it to the peer's video consumers (applyDownlink). */
  changed: boolean;
}

/** One peer's health and downlink level, sampled on the room's timer (about every 2 s). */
export class PeerMonitor {
  private readonly policy: DownlinkPolicy;

  constructor(
    readonly peerId: string,
    private readonly sources: PeerMediaSources,
    initial: DownlinkLevel = 'high',
  ) {
    this.policy = new DownlinkPolicy(initial);
  }

  /** The level decided by the last sample (or the initial one). */
  get level(): DownlinkLevel {
    return this.policy.level;
  }

  async sample(): Promise<PeerSample> {
    const { transports, producers, consumers, audioOnly, now = Date.now } = this.sources;
    const byDevice = producers();
    const { health, sample } = await readPeerStats(
      transports(),
      Object.values(byDevice).filter((p): p is ms.Producer => !!p),
      consumers(),
      now(),
    );
    const before = this.policy.level;
    this.policy.setForcedAudioOnly(audioOnly?.() ?? false);
    const level = this.policy.update(sample);
    return {
      health: {
        peerId: this.peerId,
        ...health,
        micOn: isOn(byDevice.mic),
        cameraOn: isOn(byDevice.camera),
        downlink: level,
      },
      level,
      changed: level !== before,
    };
  }
}

function isOn(producer: ms.Producer | undefined): boolean {
  return !!producer && !producer.closed && !producer.paused;
}
