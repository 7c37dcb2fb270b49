import {
  AudioOnlySchema,
  ConferenceJoinInfo,
  ConferenceJoinSchema,
  ConferenceMeetingSchema,
  ConferenceReadySchema,
  ConferenceState,
  ConnectTransportSchema,
  ConsumerLayersSchema,
  ConsumerSchema,
  CreateTransportSchema,
  LIVE_NAMESPACE,
  LiveClientEvents,
  LiveResult,
  LiveServerEvents,
  LockSchema,
  MediaWire,
  MuteAllSchema,
  MutePeerSchema,
  PauseProducerSchema,
  ProducerSchema,
  ProduceSchema,
  ReadmitPeerSchema,
  RecordingSchema,
  RemovePeerSchema,
  RestartIceSchema,
  SiteReadiness,
  TestReportSchema,
  TransportOptions,
} from '@app/shared';
import { OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live/live-calls';
import { LiveEvent } from '../live/live-event';
import { ConferenceJoinService } from './conference-join.service';
import { ConferenceMediaService } from './conference-media.service';
import { ConferenceModerationService } from './conference-moderation.service';
import { ConferenceNotifier } from './conference-notifier';
import { ConferenceReadinessService } from './conference-readiness.service';
import { ConferenceRecorder } from './conference-recorder.service';

type Body = unknown;

/**
 * The video bridge's signalling on the live namespace: one handler per `conference:*` event, each
 * through the live session's one door (shared zod schema, participant 404, role 403). The handlers
 * are dispatched by LiveEventRouter like every live event; the gateway itself is here for the
 * namespace (afterInit) and for sockets that go away (handleDisconnect).
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ConferenceGateway implements OnGatewayInit, OnGatewayDisconnect {
  constructor(
    private readonly calls: LiveCalls,
    private readonly notifier: ConferenceNotifier,
    private readonly joins: ConferenceJoinService,
    private readonly media: ConferenceMediaService,
    private readonly moderation: ConferenceModerationService,
    private readonly recorder: ConferenceRecorder,
    private readonly readiness: ConferenceReadinessService,
  ) {}

  afterInit(namespace: Namespace<LiveClientEvents, LiveServerEvents>): void {
    this.notifier.attach(namespace);
  }

  handleDisconnect(socket: LiveSocket): void {
    this.joins.disconnect(socket);
  }

  @LiveEvent('conference:join')
  join(socket: LiveSocket, body: Body): Promise<LiveResult<ConferenceJoinInfo>> {
    return this.calls.run(socket, body, { schema: ConferenceJoinSchema }, (request, caller) =>
      this.joins.join(caller, request),
    );
  }

  @LiveEvent('conference:capabilities')
  capabilities(socket: LiveSocket, body: Body): Promise<LiveResult<{ routerRtpCapabilities: MediaWire }>> {
    return this.calls.run(socket, body, { schema: ConferenceMeetingSchema }, () => this.joins.capabilities());
  }

  @LiveEvent('conference:leave')
  leave(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ConferenceMeetingSchema }, async ({ meetingId }, caller) => {
      this.joins.leave(caller, meetingId);
      return null;
    });
  }

  @LiveEvent('conference:transport')
  transport(socket: LiveSocket, body: Body): Promise<LiveResult<TransportOptions>> {
    return this.calls.run(socket, body, { schema: CreateTransportSchema }, (request, caller) =>
      this.media.createTransport(caller, request),
    );
  }

  @LiveEvent('conference:transport-connect')
  connect(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ConnectTransportSchema }, (request, caller) =>
      this.media.connectTransport(caller, request),
    );
  }

  @LiveEvent('conference:transport-restart-ice')
  restartIce(socket: LiveSocket, body: Body): Promise<LiveResult<{ iceParameters: MediaWire }>> {
    return this.calls.run(socket, body, { schema: RestartIceSchema }, (request, caller) =>
      this.media.restartIce(caller, request),
    );
  }

  @LiveEvent('conference:ready')
  ready(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ConferenceReadySchema }, (request, caller) =>
      this.media.ready(caller, request),
    );
  }

  @LiveEvent('conference:produce')
  produce(socket: LiveSocket, body: Body): Promise<LiveResult<{ producerId: string }>> {
    return this.calls.run(socket, body, { schema: ProduceSchema }, (request, caller) =>
      this.media.produce(caller, request),
    );
  }

  @LiveEvent('conference:producer-close')
  closeProducer(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ProducerSchema }, (request, caller) =>
      this.media.closeProducer(caller, request),
    );
  }

  @LiveEvent('conference:producer-pause')
  pauseProducer(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: PauseProducerSchema }, (request, caller) =>
      this.media.pauseProducer(caller, request),
    );
  }

  @LiveEvent('conference:consumer-resume')
  resumeConsumer(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ConsumerSchema }, (request, caller) =>
      this.media.resumeConsumer(caller, request),
    );
  }

  @LiveEvent('conference:consumer-layers')
  consumerLayers(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ConsumerLayersSchema }, (request, caller) =>
      this.media.setConsumerLayers(caller, request),
    );
  }

  @LiveEvent('conference:audio-only')
  audioOnly(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: AudioOnlySchema }, (request, caller) =>
      this.media.setAudioOnly(caller, request),
    );
  }

  @LiveEvent('conference:mute')
  mute(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: MutePeerSchema, roles: ORGANISERS }, (request, caller) =>
      this.moderation.mute(caller, request),
    );
  }

  @LiveEvent('conference:mute-all')
  muteAll(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: MuteAllSchema, roles: ORGANISERS }, (request, caller) =>
      this.moderation.muteAll(caller, request),
    );
  }

  @LiveEvent('conference:lock')
  lock(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: LockSchema, roles: ORGANISERS }, (request, caller) =>
      this.moderation.lock(caller, request),
    );
  }

  @LiveEvent('conference:remove')
  remove(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: RemovePeerSchema, roles: ORGANISERS }, (request, caller) =>
      this.moderation.remove(caller, request),
    );
  }

  @LiveEvent('conference:readmit')
  readmit(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ReadmitPeerSchema, roles: ORGANISERS }, (request, caller) =>
      this.moderation.readmit(caller, request),
    );
  }

  @LiveEvent('conference:recording')
  recording(socket: LiveSocket, body: Body): Promise<LiveResult<ConferenceState['recording']>> {
    return this.calls.run(socket, body, { schema: RecordingSchema, roles: ORGANISERS }, (request, caller) =>
      this.recorder.set(caller, request),
    );
  }

  @LiveEvent('conference:test-report')
  testReport(socket: LiveSocket, body: Body): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: TestReportSchema }, (request, caller) =>
      this.readiness.report(caller, request),
    );
  }

  @LiveEvent('conference:readiness')
  readinessList(socket: LiveSocket, body: Body): Promise<LiveResult<SiteReadiness[]>> {
    return this.calls.run(socket, body, { schema: ConferenceMeetingSchema, roles: ORGANISERS }, (request) =>
      this.readiness.list(request),
    );
  }
}
