import { EventEmitter } from 'node:events';

import type { ConferencePeer as ConferencePeerView, DownlinkLevel, MediaSource, MeetingRole } from '@app/shared';
import type { types as ms } from 'mediasoup';

import type { LiveSocket } from '../live/live-calls';
import { ORGANISERS } from '../live/live-calls';
import type { Layers } from './adaptation/layer-cap';

export interface TransportAppData extends ms.AppData {
  direction: 'send' | 'recv';
}

export interface ProducerAppData extends ms.AppData {
  peerId: string;
  source: MediaSource;
}

export interface ConsumerAppData extends ms.AppData {
  /** The peer whose producer this consumer carries. */
  peerId: string;
  source: MediaSource;
  /** Layers the client asked for (high for its large tile); null: the downlink level's maximum. */
  requested: Layers | null;
  /** The client created its side and asked to resume: only then may the server resume it. */
  clientResumed: boolean;
}

export type PeerTransport = ms.WebRtcTransport<TransportAppData>;
export type PeerProducer = ms.Producer<ProducerAppData>;
export type PeerConsumer = ms.Consumer<ConsumerAppData>;

/** Who a peer is: one participant of the meeting (a person, or a commune site). */
export interface PeerIdentity {
  participantId: string;
  userId: string;
  displayName: string;
  kind: 'person' | 'site';
  meetingRole: MeetingRole;
}

/**
 * One participant in a conference room, on one socket: its transports, its producers (at most one
 * per source) and the consumers it receives. `close()` is the one teardown: closing its transports
 * closes its producers and consumers in mediasoup; the room hears `close` and tells the others.
 */
export class ConferencePeer extends EventEmitter<{ close: [] }> {
  readonly transports = new Map<string, PeerTransport>();
  readonly producers = new Map<MediaSource, PeerProducer>();
  readonly consumers = new Map<string, PeerConsumer>();
  rtpCapabilities: ms.RtpCapabilities | null = null;
  /** The chair muted this peer: its mic producer is paused on the server and it may not resume it (see ConferenceRoom.muteByChair). */
  mutedByChair = false;
  /** The peer asked for audio only. */
  audioOnly = false;
  /** Video the server forwards to this peer now (audio only when `audioOnly`). */
  downlink: DownlinkLevel = 'high';
  private closedFlag = false;

  constructor(
    readonly identity: PeerIdentity,
    readonly socket: LiveSocket,
  ) {
    super();
  }

  get id(): string {
    return this.identity.participantId;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get organiser(): boolean {
    return ORGANISERS.includes(this.identity.meetingRole);
  }

  transport(direction: 'send' | 'recv'): PeerTransport | undefined {
    return [...this.transports.values()].find((transport) => transport.appData.direction === direction);
  }

  producerById(producerId: string): PeerProducer | undefined {
    return [...this.producers.values()].find((producer) => producer.id === producerId);
  }

  /** Whether this peer already receives `producerId`. */
  consumes(producerId: string): boolean {
    return [...this.consumers.values()].some((consumer) => consumer.producerId === producerId);
  }

  /** Idempotent. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.emit('close');
  }

  view(): ConferencePeerView {
    const producers: ConferencePeerView['producers'] = {};
    for (const [source, producer] of this.producers) {
      producers[source] = { producerId: producer.id, paused: producer.paused };
    }
    return {
      peerId: this.id,
      userId: this.identity.userId,
      displayName: this.identity.displayName,
      kind: this.identity.kind,
      meetingRole: this.identity.meetingRole,
      producers,
      mutedByChair: this.mutedByChair,
      audioOnly: this.audioOnly,
      downlink: this.downlink,
    };
  }
}
