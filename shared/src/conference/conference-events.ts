import * as z from 'zod';

import type { ErrorResponse } from '../errors/error-response';
import type { LiveResult } from '../live/live-events';
import type {
  ConferenceJoinInfo,
  ConferenceState,
  ConsumerOffer,
  MediaWire,
  PeerHealth,
  SiteReadiness,
  TransportOptions,
} from './conference-state';

/**
 * Signalling of the video bridge, on the live session's socket.io namespace (`/live`): the same
 * connection, handshake and one-door checks (zod, participant 404, role 403) as every live event.
 * Answers are `LiveResult`s; failures are also sent as `error` events.
 */
type Ack<T> = (result: LiveResult<T>) => void;

const meetingId = z.uuid();
const id = z.uuid();
/** mediasoup validates these itself; here they only have to be objects of a sane size. */
const wire = z.record(z.string(), z.unknown());

export const MediaSourceSchema = z.enum(['mic', 'camera', 'screen']);

/**
 * `test: true` joins a private loopback room for the pre-meeting test call instead of the bridge.
 * `rtpCapabilities` (a device loaded with `conference:capabilities`): the join also makes both
 * transports and offers the room's consumers, saving the `transport` and `ready` round trips.
 */
export const ConferenceJoinSchema = z
  .object({ meetingId, test: z.boolean().default(false), rtpCapabilities: wire.optional() })
  .strict();
export type ConferenceJoinRequest = z.input<typeof ConferenceJoinSchema>;

export const ConferenceMeetingSchema = z.object({ meetingId }).strict();
export type ConferenceMeetingRequest = z.infer<typeof ConferenceMeetingSchema>;

export const CreateTransportSchema = z.object({ meetingId, direction: z.enum(['send', 'recv']) }).strict();
export type CreateTransportRequest = z.infer<typeof CreateTransportSchema>;

export const ConnectTransportSchema = z.object({ meetingId, transportId: id, dtlsParameters: wire }).strict();
export type ConnectTransportRequest = z.infer<typeof ConnectTransportSchema>;

export const RestartIceSchema = z.object({ meetingId, transportId: id }).strict();
export type RestartIceRequest = z.infer<typeof RestartIceSchema>;

/** After both transports exist: the device's capabilities; the server then offers every consumer. */
export const ConferenceReadySchema = z.object({ meetingId, rtpCapabilities: wire }).strict();
export type ConferenceReadyRequest = z.infer<typeof ConferenceReadySchema>;

export const ProduceSchema = z
  .object({
    meetingId,
    transportId: id,
    kind: z.enum(['audio', 'video']),
    rtpParameters: wire,
    source: MediaSourceSchema,
  })
  .strict()
  .refine((p) => (p.source === 'mic') === (p.kind === 'audio'), {
    message: 'The microphone is the only audio source',
    path: ['source'],
  });
export type ProduceRequest = z.infer<typeof ProduceSchema>;

export const ProducerSchema = z.object({ meetingId, producerId: id }).strict();
export type ProducerRequest = z.infer<typeof ProducerSchema>;

/** Own mute/unmute; unmuting the mic is refused while the chair's mute or lock holds. */
export const PauseProducerSchema = z.object({ meetingId, producerId: id, paused: z.boolean() }).strict();
export type PauseProducerRequest = z.infer<typeof PauseProducerSchema>;

export const ConsumerSchema = z.object({ meetingId, consumerId: id }).strict();
export type ConsumerRequest = z.infer<typeof ConsumerSchema>;

/** The layer the client wants for a tile (high when shown large); the server caps it by the downlink. */
export const ConsumerLayersSchema = z
  .object({
    meetingId,
    consumerId: id,
    spatialLayer: z.number().int().min(0).max(2),
    temporalLayer: z.number().int().min(0).max(2).optional(),
  })
  .strict();
export type ConsumerLayersRequest = z.infer<typeof ConsumerLayersSchema>;

export const AudioOnlySchema = z.object({ meetingId, audioOnly: z.boolean() }).strict();
export type AudioOnlyRequest = z.infer<typeof AudioOnlySchema>;

// ---------- chair moderation (chair and secretary; enforced on the server) ----------

export const MutePeerSchema = z.object({ meetingId, peerId: id, muted: z.boolean() }).strict();
export type MutePeerRequest = z.infer<typeof MutePeerSchema>;

/** Mutes every peer but the organisers; `locked` keeps them from unmuting themselves until unlocked. */
export const MuteAllSchema = z.object({ meetingId, locked: z.boolean() }).strict();
export type MuteAllRequest = z.infer<typeof MuteAllSchema>;

/** Sets or lifts the lock alone (nobody is muted or unmuted by it). */
export const LockSchema = z.object({ meetingId, locked: z.boolean() }).strict();
export type LockRequest = z.infer<typeof LockSchema>;

export const RemovePeerSchema = z.object({ meetingId, peerId: id }).strict();
export type RemovePeerRequest = z.infer<typeof RemovePeerSchema>;

/** Lifts a removal: the participant may join the bridge again (it is told `conference:readmitted`). */
export const ReadmitPeerSchema = z.object({ meetingId, peerId: id }).strict();
export type ReadmitPeerRequest = z.infer<typeof ReadmitPeerSchema>;

export const RecordingSchema = z.object({ meetingId, active: z.boolean() }).strict();
export type RecordingRequest = z.infer<typeof RecordingSchema>;

// ---------- pre-meeting test call ----------

export const ReadinessReportSchema = z
  .object({
    camera: z.boolean(),
    microphone: z.boolean(),
    mediaPath: z.boolean(),
    rttMs: z.number().min(0).max(60_000).nullable(),
    bitrate: z.number().min(0).max(1e9).nullable(),
  })
  .strict();
export const TestReportSchema = z.object({ meetingId, report: ReadinessReportSchema }).strict();
export type TestReportRequest = z.infer<typeof TestReportSchema>;

// ---------- event maps ----------

export interface ConferenceClientEvents {
  /** The router's capabilities (the same for every room): a device can be loaded before joining. */
  'conference:capabilities': (
    payload: ConferenceMeetingRequest,
    ack: Ack<{ routerRtpCapabilities: MediaWire }>,
  ) => void;
  'conference:join': (payload: ConferenceJoinRequest, ack: Ack<ConferenceJoinInfo>) => void;
  'conference:transport': (payload: CreateTransportRequest, ack: Ack<TransportOptions>) => void;
  'conference:transport-connect': (payload: ConnectTransportRequest, ack: Ack<null>) => void;
  'conference:transport-restart-ice': (payload: RestartIceRequest, ack: Ack<{ iceParameters: MediaWire }>) => void;
  'conference:ready': (payload: ConferenceReadyRequest, ack: Ack<null>) => void;
  'conference:produce': (payload: ProduceRequest, ack: Ack<{ producerId: string }>) => void;
  'conference:producer-close': (payload: ProducerRequest, ack: Ack<null>) => void;
  'conference:producer-pause': (payload: PauseProducerRequest, ack: Ack<null>) => void;
  'conference:consumer-resume': (payload: ConsumerRequest, ack: Ack<null>) => void;
  'conference:consumer-layers': (payload: ConsumerLayersRequest, ack: Ack<null>) => void;
  'conference:audio-only': (payload: AudioOnlyRequest, ack: Ack<null>) => void;
  'conference:leave': (payload: ConferenceMeetingRequest, ack: Ack<null>) => void;
  'conference:mute': (payload: MutePeerRequest, ack: Ack<null>) => void;
  'conference:mute-all': (payload: MuteAllRequest, ack: Ack<null>) => void;
  'conference:lock': (payload: LockRequest, ack: Ack<null>) => void;
  'conference:remove': (payload: RemovePeerRequest, ack: Ack<null>) => void;
  'conference:readmit': (payload: ReadmitPeerRequest, ack: Ack<null>) => void;
  'conference:recording': (payload: RecordingRequest, ack: Ack<ConferenceState['recording']>) => void;
  'conference:test-report': (payload: TestReportRequest, ack: Ack<null>) => void;
  /** Organisers: which participants passed their test call. */
  'conference:readiness': (payload: ConferenceMeetingRequest, ack: Ack<SiteReadiness[]>) => void;
}

export interface ConferenceServerEvents {
  /** The whole room state (small: a district has about 14 sites), after every change. */
  'conference:state': (state: ConferenceState) => void;
  'conference:active-speaker': (event: { meetingId: string; peerId: string | null }) => void;
  'conference:consumer': (offer: ConsumerOffer) => void;
  'conference:consumer-closed': (event: { consumerId: string }) => void;
  /** The producer behind it was paused or resumed (mute). */
  'conference:consumer-paused': (event: { consumerId: string; paused: boolean }) => void;
  'conference:consumer-layers': (event: { consumerId: string; spatialLayer: number | null }) => void;
  /** Organisers only, about every 2 s. */
  'conference:health': (event: { meetingId: string; peers: PeerHealth[] }) => void;
  /** The chair removed this peer; the client must not rejoin by itself. */
  'conference:removed': (event: { meetingId: string }) => void;
  /** The chair lifted this participant's removal: its page may offer to rejoin. */
  'conference:readmitted': (event: { meetingId: string }) => void;
  /** The room was rebuilt (its worker died): the client rejoins from scratch. */
  'conference:reset': (event: { meetingId: string }) => void;
  error: (error: ErrorResponse) => void;
}
