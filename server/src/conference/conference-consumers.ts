import type { ConsumerOffer } from '@app/shared';
import { Injectable, Logger } from '@nestjs/common';

import { applyDownlink } from './adaptation/consumer-downlink';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferencePeer, ConsumerAppData, PeerConsumer, PeerProducer } from './conference-peer';
import type { ConferenceRoom } from './conference-room';

/**
 * Consumers: one per (receiving peer, producer), created paused on the peer's recv transport and
 * offered to its socket; the client creates its side and asks to resume. They leave the peer's map
 * when their transport or producer closes, and the client hears of a producer's pause and of layer
 * changes.
 */
@Injectable()
export class ConferenceConsumers {
  private readonly logger = new Logger(ConferenceConsumers.name);
  /** Producers being consumed right now, per peer: a `ready` and a `produce` racing make one consumer. */
  private readonly offering = new WeakMap<ConferencePeer, Set<string>>();

  constructor(private readonly notifier: ConferenceNotifier) {}

  /** Offers every producer of the room `peer` should receive (others', or its own in a test call). */
  async offerAll(room: ConferenceRoom, peer: ConferencePeer): Promise<void> {
    const owners = room.test ? [peer] : [...room.peers.values()].filter((other) => other !== peer);
    for (const owner of owners) {
      for (const producer of owner.producers.values()) await this.offer(room, peer, owner, producer);
    }
  }

  /** Offers a new producer to every peer that should receive it. */
  async offerToRoom(room: ConferenceRoom, owner: ConferencePeer, producer: PeerProducer): Promise<void> {
    const receivers = room.test ? [owner] : [...room.peers.values()].filter((peer) => peer !== owner);
    await Promise.all(receivers.map((peer) => this.offer(room, peer, owner, producer)));
  }

  /** No-op until `peer` has a recv transport and told its capabilities (`conference:ready`). */
  async offer(
    room: ConferenceRoom,
    peer: ConferencePeer,
    owner: ConferencePeer,
    producer: PeerProducer,
  ): Promise<void> {
    const transport = peer.transport('recv');
    const rtpCapabilities = peer.rtpCapabilities;
    if (peer.closed || producer.closed || !transport || !rtpCapabilities || peer.consumes(producer.id)) return;
    const pending = this.offering.get(peer) ?? new Set<string>();
    this.offering.set(peer, pending);
    if (pending.has(producer.id)) return;
    if (!room.router.canConsume({ producerId: producer.id, rtpCapabilities })) {
      this.logger.warn(`peer ${peer.id} cannot receive ${producer.kind} of ${owner.id} (no common codec)`);
      return;
    }
    pending.add(producer.id);
    let consumer: PeerConsumer;
    try {
      consumer = await transport.consume<ConsumerAppData>({
        producerId: producer.id,
        rtpCapabilities,
        paused: true,
        ignoreDtx: true,
        appData: { peerId: owner.id, source: producer.appData.source, requested: null, clientResumed: false },
      });
    } catch (error) {
      if (transport.closed || producer.closed) return;
      throw error;
    } finally {
      pending.delete(producer.id);
    }
    if (consumer.closed) return;
    peer.consumers.set(consumer.id, consumer);
    this.watch(room, peer, consumer);
    // The downlink's layer cap from the start; the consumer stays paused until the client resumes it.
    await applyDownlink(consumer, peer.downlink, null, true);
    const offer: ConsumerOffer = {
      consumerId: consumer.id,
      transportId: transport.id,
      producerId: producer.id,
      peerId: owner.id,
      source: producer.appData.source,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as unknown as ConsumerOffer['rtpParameters'],
      producerPaused: consumer.producerPaused,
    };
    this.notifier.toPeer(peer, 'conference:consumer', offer);
  }

  /** The client created its side: forward media, unless the peer's downlink is audio only (video then waits). */
  async resume(peer: ConferencePeer, consumer: PeerConsumer): Promise<void> {
    consumer.appData.clientResumed = true;
    if (consumer.kind === 'video') await applyDownlink(consumer, peer.downlink, consumer.appData.requested);
    else if (consumer.paused) await consumer.resume();
  }

  /** Applies the peer's downlink level to all its video consumers (pause in audio only, layer cap otherwise). */
  async applyLevel(peer: ConferencePeer): Promise<void> {
    await Promise.all(
      [...peer.consumers.values()].map((consumer) =>
        applyDownlink(consumer, peer.downlink, consumer.appData.requested, !consumer.appData.clientResumed),
      ),
    );
  }

  private watch(room: ConferenceRoom, peer: ConferencePeer, consumer: PeerConsumer): void {
    const drop = () => peer.consumers.delete(consumer.id);
    consumer.observer.once('close', drop);
    consumer.on('transportclose', () => {
      drop();
      // The peer replaced its recv transport: tell it. Not when the peer or the whole router goes.
      if (!peer.closed && !room.router.closed) {
        this.notifier.toPeer(peer, 'conference:consumer-closed', { consumerId: consumer.id });
      }
    });
    consumer.on('producerclose', () => {
      drop();
      if (!peer.closed) this.notifier.toPeer(peer, 'conference:consumer-closed', { consumerId: consumer.id });
    });
    consumer.on('producerpause', () =>
      this.notifier.toPeer(peer, 'conference:consumer-paused', { consumerId: consumer.id, paused: true }),
    );
    consumer.on('producerresume', () =>
      this.notifier.toPeer(peer, 'conference:consumer-paused', { consumerId: consumer.id, paused: false }),
    );
    consumer.on('layerschange', (layers) =>
      this.notifier.toPeer(peer, 'conference:consumer-layers', {
        consumerId: consumer.id,
        spatialLayer: layers?.spatialLayer ?? null,
      }),
    );
  }
}
