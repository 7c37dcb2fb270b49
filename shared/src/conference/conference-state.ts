/**
 * The video bridge of a live meeting: one mediasoup room per meeting, where the district hall, its
 * commune sites and individual delegates are peers. mediasoup wire types (rtpCapabilities,
 * rtpParameters, dtlsParameters…) stay opaque here: the server hands them to mediasoup, which
 * validates them, and mediasoup-client reads them on the other side.
 */

/** Opaque mediasoup wire object (RtpCapabilities, RtpParameters, DtlsParameters, IceParameters…). */
export type MediaWire = Record<string, unknown>;

/** What a producer carries. A peer has at most one of each. */
export type MediaSource = 'mic' | 'camera' | 'screen';

/**
 * The video a peer receives, stepped down on a weak link: 720p → 360p → 180p → audio only
 * (with the live session's page sync still running), and back up when the link recovers.
 */
export type DownlinkLevel = 'high' | 'medium' | 'low' | 'audio_only';
export const DOWNLINK_LEVELS: readonly DownlinkLevel[] = ['high', 'medium', 'low', 'audio_only'];

/** One peer (person or commune site) as every other peer sees it. */
export interface ConferencePeer {
  /** The peer's participant id in the meeting (one peer per participant). */
  peerId: string;
  userId: string;
  /** Tile label: the person's name, or the commune site's name. */
  displayName: string;
  kind: 'person' | 'site';
  meetingRole: string;
  /** Producers this peer sends now, by source; absent when not sending. */
  producers: Partial<Record<MediaSource, { producerId: string; paused: boolean }>>;
  /** Muted by the chair (its mic producer paused on the server). */
  mutedByChair: boolean;
  /** The peer asked for audio only (or was stepped down to it). */
  audioOnly: boolean;
  /** Video the server currently forwards to this peer. */
  downlink: DownlinkLevel;
}

export interface ConferenceState {
  meetingId: string;
  peers: ConferencePeer[];
  /** Loudest speaker now (ActiveSpeakerObserver), null in silence. */
  activeSpeakerPeerId: string | null;
  /** The site given the floor from the speaker queue: shown large for everyone. */
  spotlightPeerId: string | null;
  /** Mute-all with lock: peers cannot unmute themselves; only the floor unmutes. */
  locked: boolean;
  /** Participants the chair removed from this bridge (refused if they rejoin until readmitted). */
  removedPeerIds: string[];
  recording: { active: boolean; startedAt: string | null };
}

/** What a joining client needs before it can create its mediasoup-client Device and transports. */
export interface ConferenceJoinInfo {
  routerRtpCapabilities: MediaWire;
  iceServers: ConferenceIceServer[];
  state: ConferenceState;
  /** The caller's own peer id (its participant id). */
  peerId: string;
  /**
   * Both transports, when the join carried the device's capabilities (the one-round-trip join): the
   * server has made them and is already offering the room's consumers on `recv`.
   */
  transports?: { send: TransportOptions; recv: TransportOptions };
}

/** RTCIceServer: TURN with time-limited credentials (coturn `use-auth-secret`). */
export interface ConferenceIceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface TransportOptions {
  id: string;
  iceParameters: MediaWire;
  iceCandidates: MediaWire[];
  dtlsParameters: MediaWire;
}

/** A consumer the server made for this peer; the client creates it, then asks to resume it. */
export interface ConsumerOffer {
  consumerId: string;
  /** The receive transport it is on: an offer for an older join's transport is ignored. */
  transportId: string;
  producerId: string;
  peerId: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  rtpParameters: MediaWire;
  /** Producer paused (e.g. muted): nothing will flow until it resumes. */
  producerPaused: boolean;
}

/** Live health of one peer, for the chair console (refreshed about every 2 s). */
export interface PeerHealth {
  peerId: string;
  /** Round-trip time in ms measured by mediasoup on this peer's transports; null before any RTCP. */
  rttMs: number | null;
  /** Packet loss on what the peer sends, 0..1. */
  uplinkLoss: number | null;
  /** Packet loss on what the peer receives, 0..1 (from its receiver reports). */
  downlinkLoss: number | null;
  /** What the peer sends (the server's receive rate), bps. */
  sendBitrate: number;
  /** What the peer receives from the server, bps. */
  recvBitrate: number;
  /** Estimated bandwidth available towards the peer (transport-cc / REMB), bps. */
  availableOutgoingBitrate: number | null;
  micOn: boolean;
  cameraOn: boolean;
  downlink: DownlinkLevel;
}

/** Pre-meeting test call: what a site's test page measured. */
export interface ReadinessReport {
  camera: boolean;
  microphone: boolean;
  /** Media reached the server and came back. */
  mediaPath: boolean;
  rttMs: number | null;
  /** Bitrate the loopback achieved, bps. */
  bitrate: number | null;
  testedAt: string;
}

export interface SiteReadiness {
  participantId: string;
  displayName: string;
  kind: 'person' | 'site';
  report: ReadinessReport | null;
  passed: boolean;
}
