import type {
  AudioOnlyRequest,
  ConferenceReadyRequest,
  ConnectTransportRequest,
  ConsumerLayersRequest,
  ConsumerRequest,
  CreateTransportRequest,
  MediaSource,
  MediaWire,
  PauseProducerRequest,
  ProducerRequest,
  ProduceRequest,
  RestartIceRequest,
  TransportOptions,
} from '@app/shared';
import { Injectable } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import type { LiveCaller } from '../live/live-calls';
import { applyDownlink } from './adaptation/consumer-downlink';
import { ConferenceConsumers } from './conference-consumers';
import { ConferenceHealthService } from './conference-health.service';
import { micHeld } from './conference-mic';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferencePeer, PeerConsumer, PeerProducer, PeerTransport, ProducerAppData } from './conference-peer';
import { ConferenceRecorder } from './conference-recorder.service';
import type { ConferenceRoom } from './conference-room';
import { ConferenceRoomsService, LocatedPeer } from './conference-rooms.service';
import { fromClientWire } from './media-wire';
import { createPeerTransport, transportOptions } from './peer-transports';

/**
 * The mediasoup-demo signalling of one peer: its transports, its producers (one per source) and
 * the consumers it receives, each answering the caller's own objects only.
 */
@Injectable()
export class ConferenceMediaService {
  constructor(
    private readonly config: AppConfig,
    private readonly rooms: ConferenceRoomsService,
    private readonly consumers: ConferenceConsumers,
    private readonly notifier: ConferenceNotifier,
    private readonly health: ConferenceHealthService,
    private readonly recorder: ConferenceRecorder,
  ) {}

  async createTransport(
    caller: LiveCaller,
    { meetingId, direction }: CreateTransportRequest,
  ): Promise<TransportOptions> {
    const { room, peer } = this.locate(caller, meetingId);
    const transport = await createPeerTransport(room, peer, direction, this.config.media);
    return transportOptions(transport);
  }

  async connectTransport(caller: LiveCaller, request: ConnectTransportRequest): Promise<null> {
    const transport = this.transport(this.locate(caller, request.meetingId).peer, request.transportId);
    const dtlsParameters = request.dtlsParameters as unknown as ms.DtlsParameters;
    await fromClientWire('dtlsParameters', () => transport.connect({ dtlsParameters }));
    return null;
  }

  async restartIce(caller: LiveCaller, request: RestartIceRequest): Promise<{ iceParameters: MediaWire }> {
    const transport = this.transport(this.locate(caller, request.meetingId).peer, request.transportId);
    const iceParameters = await fromClientWire('transportId', () => transport.restartIce());
    return { iceParameters: { ...iceParameters } };
  }

  /** The device's capabilities are known: every producer already in the room is offered. */
  async ready(caller: LiveCaller, request: ConferenceReadyRequest): Promise<null> {
    const { room, peer } = this.locate(caller, request.meetingId);
    const rtpCapabilities = request.rtpCapabilities as unknown as ms.RtpCapabilities;
    if (!Array.isArray(rtpCapabilities.codecs)) {
      throw new ValidationError('rtpCapabilities: no codecs', [{ path: 'rtpCapabilities', message: 'No codecs' }]);
    }
    if (!peer.transport('recv')) {
      throw new ConflictError('Create the receiving transport first / Chưa có kênh nhận');
    }
    peer.rtpCapabilities = rtpCapabilities;
    await fromClientWire('rtpCapabilities', () => this.consumers.offerAll(room, peer));
    return null;
  }

  async produce(caller: LiveCaller, request: ProduceRequest): Promise<{ producerId: string }> {
    const { room, peer } = this.locate(caller, request.meetingId);
    const transport = this.transport(peer, request.transportId);
    if (transport.appData.direction !== 'send') {
      throw new ConflictError('Not a sending transport / Không phải kênh gửi');
    }
    if (peer.producers.has(request.source)) {
      throw new ConflictError(`This peer already sends its ${request.source} / Nguồn này đang được gửi`);
    }
    const rtpParameters = request.rtpParameters as unknown as ms.RtpParameters;
    const producer = await fromClientWire('rtpParameters', () =>
      this.produceOn(room, peer, transport, { kind: request.kind, rtpParameters, source: request.source }),
    );
    return { producerId: producer.id };
  }

  /**
   * A producer of `peer` on `transport`, made part of the room (addProducer). A mic the chair holds
   * closed starts paused: the lock also covers peers who join later. Also used by the test helper
   * that feeds a peer's camera from ffmpeg through a PlainTransport.
   */
  async produceOn(
    room: ConferenceRoom,
    peer: ConferencePeer,
    transport: ms.Transport,
    options: { kind: ms.MediaKind; rtpParameters: ms.RtpParameters; source: MediaSource },
  ): Promise<PeerProducer> {
    const producer = await transport.produce<ProducerAppData>({
      kind: options.kind,
      rtpParameters: options.rtpParameters,
      paused: options.source === 'mic' && micHeld(room, peer),
      appData: { peerId: peer.id, source: options.source },
    });
    await this.addProducer(room, peer, producer);
    return producer;
  }

  /**
   * Makes a producer part of the room: in the peer's map, heard by the active-speaker observer (mic),
   * offered to everyone who receives it, recorded while the recording runs.
   */
  private async addProducer(room: ConferenceRoom, peer: ConferencePeer, producer: PeerProducer): Promise<void> {
    const source: MediaSource = producer.appData.source;
    if (peer.closed || room.closed) {
      producer.close();
      throw new ConflictError('The peer left / Đã rời cuộc gọi');
    }
    if (peer.producers.has(source)) {
      producer.close(); // two produce calls raced for one source
      throw new ConflictError(`This peer already sends its ${source} / Nguồn này đang được gửi`);
    }
    peer.producers.set(source, producer);
    producer.observer.once('close', () => {
      if (peer.producers.get(source) === producer) peer.producers.delete(source);
      void this.recorder.removeSource(room, producer);
      this.notifier.state(room);
    });
    if (source === 'mic') await room.speakerObserver.addProducer({ producerId: producer.id }).catch(() => undefined);
    this.notifier.state(room);
    await this.consumers.offerToRoom(room, peer, producer);
    // Starting a capture (ffmpeg) takes a while: the producer's ack does not wait for it.
    void this.recorder.addSource(room, peer, producer);
  }

  async closeProducer(caller: LiveCaller, request: ProducerRequest): Promise<null> {
    this.producer(this.locate(caller, request.meetingId).peer, request.producerId).close();
    return null;
  }

  /** The peer's own mute; resuming a mic the chair holds closed is refused. */
  async pauseProducer(caller: LiveCaller, request: PauseProducerRequest): Promise<null> {
    const { room, peer } = this.locate(caller, request.meetingId);
    const producer = this.producer(peer, request.producerId);
    if (!request.paused && producer.appData.source === 'mic' && micHeld(room, peer)) {
      throw new ForbiddenError(
        'Chủ tọa đang tắt micrô của bạn / The chair has muted your microphone; you cannot unmute it',
      );
    }
    if (request.paused) await producer.pause();
    else await producer.resume();
    this.notifier.state(room);
    return null;
  }

  async resumeConsumer(caller: LiveCaller, request: ConsumerRequest): Promise<null> {
    const peer = this.locate(caller, request.meetingId).peer;
    await this.consumers.resume(peer, this.consumer(peer, request.consumerId));
    return null;
  }

  /** The layer the client wants for this tile, capped by the peer's downlink. */
  async setConsumerLayers(caller: LiveCaller, request: ConsumerLayersRequest): Promise<null> {
    const peer = this.locate(caller, request.meetingId).peer;
    const consumer = this.consumer(peer, request.consumerId);
    consumer.appData.requested = {
      spatialLayer: request.spatialLayer,
      ...(request.temporalLayer === undefined ? {} : { temporalLayer: request.temporalLayer }),
    };
    await applyDownlink(consumer, peer.downlink, consumer.appData.requested, !consumer.appData.clientResumed);
    return null;
  }

  /** The peer's own choice: no video (pages and audio still flow); released, the measured level comes back. */
  async setAudioOnly(caller: LiveCaller, { meetingId, audioOnly }: AudioOnlyRequest): Promise<null> {
    const { room, peer } = this.locate(caller, meetingId);
    peer.audioOnly = audioOnly;
    await this.health.refresh(room, peer);
    return null;
  }

  private locate(caller: LiveCaller, meetingId: string): LocatedPeer {
    return this.rooms.require(meetingId, caller.participant.id, caller.socket);
  }

  private transport(peer: ConferencePeer, transportId: string): PeerTransport {
    const transport = peer.transports.get(transportId);
    if (!transport) throw new NotFoundError(`No transport ${transportId} / Không có kênh này`);
    return transport;
  }

  private producer(peer: ConferencePeer, producerId: string): PeerProducer {
    const producer = peer.producerById(producerId);
    if (!producer) throw new NotFoundError(`No producer ${producerId} / Không có nguồn này`);
    return producer;
  }

  private consumer(peer: ConferencePeer, consumerId: string): PeerConsumer {
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new NotFoundError(`No consumer ${consumerId} / Không có luồng nhận này`);
    return consumer;
  }
}
