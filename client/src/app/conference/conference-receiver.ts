import { signal } from '@angular/core';
import type { ConsumerOffer } from '@app/shared';
import type { Consumer, RtpParameters, Transport } from 'mediasoup-client/types';

import type { ConferenceCall } from './conference-call';
import { ConferenceLayout, layerRequests, RemoteMedia } from './conference-layout';

/**
 * What this device receives: a consumer per offer of the server on the receive transport of the
 * current join, resumed once made, kept with its pause and layer for the tiles; and the simulcast
 * layer each tile needs (top for the large one, lowest for the small ones), asked once per change.
 */
export class ConferenceReceiver {
  private meetingId: string | null = null;
  private transport: Transport | null = null;
  /** Offers that came before the receive transport of this join (they follow the join's answer closely). */
  private early: ConsumerOffer[] | null = null;
  private readonly consumers = new Map<string, Consumer>();
  private readonly requestedLayers = new Map<string, number>();
  private readonly media = signal<RemoteMedia[]>([]);

  readonly remote = this.media.asReadonly();

  /** `layout`: the tiles as shown now; `asksLayers`: false in audio-only mode and in the test call. */
  constructor(
    private readonly call: ConferenceCall,
    private readonly layout: () => ConferenceLayout,
    private readonly asksLayers: () => boolean,
  ) {}

  /** The server accepted the join: its offers are for this device from now on. */
  expect(meetingId: string): void {
    this.meetingId = meetingId;
    this.early = [];
  }

  attach(transport: Transport): void {
    this.transport = transport;
    const early = this.early ?? [];
    this.early = null;
    for (const offer of early) {
      if (offer.transportId === transport.id) void this.consume(offer);
    }
  }

  /** The transport closed (its consumers with it). */
  detach(): void {
    this.transport = null;
    this.early = null;
    this.consumers.clear();
    this.requestedLayers.clear();
    this.media.set([]);
  }

  async consume(offer: ConsumerOffer): Promise<void> {
    const transport = this.transport;
    const meetingId = this.meetingId;
    if (!transport) {
      this.early?.push(offer);
      return;
    }
    if (!meetingId || offer.transportId !== transport.id || this.consumers.has(offer.consumerId)) {
      return;
    }
    let consumer: Consumer;
    try {
      consumer = await transport.consume({
        id: offer.consumerId,
        producerId: offer.producerId,
        kind: offer.kind,
        rtpParameters: offer.rtpParameters as unknown as RtpParameters,
        appData: { peerId: offer.peerId, source: offer.source },
      });
    } catch {
      return; // Not decodable here: that tile shows the name.
    }
    if (transport !== this.transport) {
      consumer.close();
      return;
    }
    this.consumers.set(offer.consumerId, consumer);
    const media: RemoteMedia = {
      consumerId: offer.consumerId,
      producerId: offer.producerId,
      peerId: offer.peerId,
      source: offer.source,
      kind: offer.kind,
      track: consumer.track,
      paused: offer.producerPaused,
      spatialLayer: null,
    };
    this.media.update((list) => [...list.filter((m) => m.consumerId !== offer.consumerId), media]);
    this.applyLayers();
    await this.call('conference:consumer-resume', { meetingId, consumerId: offer.consumerId });
  }

  drop(consumerId: string): void {
    this.consumers.get(consumerId)?.close();
    this.consumers.delete(consumerId);
    this.requestedLayers.delete(consumerId);
    this.media.update((list) => list.filter((m) => m.consumerId !== consumerId));
    this.applyLayers();
  }

  update(consumerId: string, change: Partial<Pick<RemoteMedia, 'paused' | 'spatialLayer'>>): void {
    if (this.consumers.has(consumerId)) {
      this.media.update((list) => list.map((m) => (m.consumerId === consumerId ? { ...m, ...change } : m)));
    }
  }

  /** Asks for the top layer for the large tile and the lowest for the small ones, once per change. */
  applyLayers(): void {
    const meetingId = this.meetingId;
    if (!meetingId || !this.asksLayers()) {
      return;
    }
    for (const { consumerId, spatialLayer } of layerRequests(this.layout())) {
      if (this.consumers.has(consumerId) && this.requestedLayers.get(consumerId) !== spatialLayer) {
        this.requestedLayers.set(consumerId, spatialLayer);
        void this.call('conference:consumer-layers', { meetingId, consumerId, spatialLayer });
      }
    }
  }
}
