import { ConferenceJoinInfo, ConferencePeer, ConferenceState, ConsumerOffer } from '@app/shared';

import { LIVE_MEETING_ID, PIDS, UIDS } from '../../live/testing/live-snapshot.stub';

/** Peers of the specs: the district hall's chair, two commune sites and a delegate (participant ids). */
export const PEERS = {
  chair: PIDS.chair,
  siteA: PIDS.commune1,
  siteB: PIDS.commune2,
  delegate: PIDS.delegate,
};

export function peerStub(peerId: string, overrides: Partial<ConferencePeer> = {}): ConferencePeer {
  const names: Record<string, string> = {
    [PEERS.chair]: 'Nguyễn Văn Chủ Tọa',
    [PEERS.siteA]: 'UBND xã Tân Phú',
    [PEERS.siteB]: 'UBND xã Hòa Bình',
    [PEERS.delegate]: 'Trần Văn Đại Biểu',
  };
  const site = peerId === PEERS.siteA || peerId === PEERS.siteB;
  return {
    peerId,
    userId: UIDS.chair,
    displayName: names[peerId] ?? peerId,
    kind: site ? 'site' : 'person',
    meetingRole: site ? 'site' : peerId === PEERS.chair ? 'chair' : 'delegate',
    producers: {},
    mutedByChair: false,
    audioOnly: false,
    downlink: 'high',
    ...overrides,
  };
}

export function conferenceStateStub(overrides: Partial<ConferenceState> = {}): ConferenceState {
  return {
    meetingId: LIVE_MEETING_ID,
    peers: [peerStub(PEERS.chair), peerStub(PEERS.siteA), peerStub(PEERS.siteB)],
    activeSpeakerPeerId: null,
    spotlightPeerId: null,
    locked: false,
    removedPeerIds: [],
    recording: { active: false, startedAt: null },
    ...overrides,
  };
}

export const ROUTER_CAPABILITIES = { codecs: [{ kind: 'audio', mimeType: 'audio/opus' }], headerExtensions: [] };
export const ICE_SERVERS = [{ urls: ['turn:turn.example.vn:3478'], username: '1700000000:u', credential: 'c' }];

export function joinInfoStub(selfId: string = PEERS.siteA, state = conferenceStateStub()): ConferenceJoinInfo {
  return { routerRtpCapabilities: ROUTER_CAPABILITIES, iceServers: ICE_SERVERS, state, peerId: selfId };
}

export const SEND_TRANSPORT_ID = 'a0000000-0000-4000-8000-000000000001';
export const RECV_TRANSPORT_ID = 'a0000000-0000-4000-8000-000000000002';

export function transportStub(id: string) {
  return {
    id,
    iceParameters: { usernameFragment: id, password: 'p' },
    iceCandidates: [],
    dtlsParameters: { role: 'auto', fingerprints: [] },
  };
}

let offers = 0;
/** A consumer offer with a fresh uuid-looking id. */
export function offerStub(peerId: string, source: ConsumerOffer['source'], overrides: Partial<ConsumerOffer> = {}) {
  const n = String(++offers).padStart(12, '0');
  return {
    consumerId: `c0000000-0000-4000-8000-${n}`,
    transportId: RECV_TRANSPORT_ID,
    producerId: `p0000000-0000-4000-8000-${n}`,
    peerId,
    source,
    kind: source === 'mic' ? 'audio' : 'video',
    rtpParameters: { codecs: [] },
    producerPaused: false,
    ...overrides,
  } satisfies ConsumerOffer;
}
