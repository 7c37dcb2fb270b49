import type { ConferencePeer, ConferenceState, MediaSource } from '@app/shared';

/** A consumer this device receives, as the tiles need it. */
export interface RemoteMedia {
  consumerId: string;
  producerId: string;
  peerId: string;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
  /** Its producer is paused (muted, camera off): nothing flows. */
  paused: boolean;
  /** The simulcast layer the server forwards now; null before it says. */
  spatialLayer: number | null;
}

/** What this device sends of one source. */
export type SendState = 'off' | 'on' | 'paused';
export type LocalSending = Record<MediaSource, SendState>;

/** One picture on the screen: a peer's camera (or its name when there is none), or a shared screen. */
export interface ConferenceTile {
  /** `peerId:source`, stable for `@for` tracking. */
  key: string;
  peerId: string;
  source: 'camera' | 'screen';
  /** The person's name or the commune site's name. */
  displayName: string;
  kind: ConferencePeer['kind'];
  self: boolean;
  /** Video to show; null shows the name instead. */
  track: MediaStreamTrack | null;
  /** The consumer behind it (remote video only), for layer requests. */
  consumerId: string | null;
  micOn: boolean;
  cameraOn: boolean;
  mutedByChair: boolean;
  speaking: boolean;
  /** Given the floor from the speaker queue. */
  spotlight: boolean;
}

export interface ConferenceLayout {
  large: ConferenceTile | null;
  small: ConferenceTile[];
}

export interface LayoutInput {
  state: ConferenceState | null;
  selfId: string | null;
  remote: readonly RemoteMedia[];
  localCamera: MediaStreamTrack | null;
  sending: LocalSending;
  /** Loudest peer now (null in silence). */
  speakerId: string | null;
  /** The last remote peer heard: keeps the large tile through silence and through one's own words. */
  focusId: string | null;
}

function sends(peer: ConferencePeer, source: MediaSource): boolean {
  const producer = peer.producers[source];
  return !!producer && !producer.paused;
}

function tilesOf(peer: ConferencePeer, input: LayoutInput): ConferenceTile[] {
  const self = peer.peerId === input.selfId;
  const video = (source: MediaSource) =>
    input.remote.find((m) => m.peerId === peer.peerId && m.source === source && m.kind === 'video') ?? null;
  const base = {
    peerId: peer.peerId,
    displayName: peer.displayName,
    kind: peer.kind,
    self,
    mutedByChair: peer.mutedByChair,
    speaking: input.speakerId === peer.peerId,
    spotlight: input.state?.spotlightPeerId === peer.peerId,
  };
  if (self) {
    const cameraOn = input.sending.camera === 'on';
    return [
      {
        ...base,
        key: `${peer.peerId}:camera`,
        source: 'camera',
        track: cameraOn ? input.localCamera : null,
        consumerId: null,
        micOn: input.sending.mic === 'on' && !peer.mutedByChair,
        cameraOn,
      },
    ];
  }
  const micOn = sends(peer, 'mic') && !peer.mutedByChair;
  const camera = video('camera');
  const tiles: ConferenceTile[] = [
    {
      ...base,
      key: `${peer.peerId}:camera`,
      source: 'camera',
      track: camera && !camera.paused ? camera.track : null,
      consumerId: camera?.consumerId ?? null,
      micOn,
      cameraOn: sends(peer, 'camera'),
    },
  ];
  const screen = video('screen');
  if (screen) {
    tiles.push({
      ...base,
      key: `${peer.peerId}:screen`,
      source: 'screen',
      track: screen.paused ? null : screen.track,
      consumerId: screen.consumerId,
      micOn,
      cameraOn: true,
      speaking: false,
    });
  }
  return tiles;
}

/**
 * Which tile is large: a shared screen; else the site given the floor; else the last remote peer heard;
 * else the first other peer; alone, oneself. Everyone else is small, oneself last.
 */
export function arrangeTiles(input: LayoutInput): ConferenceLayout {
  const peers = input.state?.peers ?? [];
  const tiles = peers.flatMap((peer) => tilesOf(peer, input));
  const remoteCamera = (peerId: string | null) =>
    tiles.find((t) => t.peerId === peerId && t.source === 'camera' && !t.self) ?? null;
  const large =
    tiles.find((t) => t.source === 'screen') ??
    remoteCamera(input.state?.spotlightPeerId ?? null) ??
    remoteCamera(input.focusId) ??
    remoteCamera(input.speakerId) ??
    tiles.find((t) => !t.self) ??
    tiles[0] ??
    null;
  const others = tiles.filter((t) => t !== large);
  return { large, small: [...others.filter((t) => !t.self), ...others.filter((t) => t.self)] };
}

/**
 * The simulcast layer each received camera should come in: the top one (720p) only for the large tile,
 * the lowest (180p) for the small ones. The server lowers it further on a weak downlink. Shared screens
 * are sent in one layer and need no request.
 */
export function layerRequests(layout: ConferenceLayout): { consumerId: string; spatialLayer: number }[] {
  const camera = (tile: ConferenceTile | null, spatialLayer: number) =>
    tile?.consumerId && tile.source === 'camera' ? [{ consumerId: tile.consumerId, spatialLayer }] : [];
  return [...camera(layout.large, 2), ...layout.small.flatMap((tile) => camera(tile, 0))];
}
