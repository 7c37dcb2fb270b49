import { EventEmitter } from 'node:events';

import type { ConferenceState } from '@app/shared';
import type { types as ms } from 'mediasoup';

import { mediaCodecs } from '../media/media-codecs';
import type { MediaHost } from '../media/media-worker-pool';
import type { ConferencePeer, ProducerAppData } from './conference-peer';

/** Why a room closed: its last peer left, its worker died, or the meeting is no longer live. */
export type RoomCloseReason = 'empty' | 'worker' | 'ended';

export interface RoomEvents {
  /** `peers`: who was in the room when it closed (already closed themselves). */
  close: [reason: RoomCloseReason, peers: ConferencePeer[]];
  peerclose: [peer: ConferencePeer];
  dominantspeaker: [peerId: string];
}

/** The room of a meeting's bridge, or a site's private loopback room for its test call. */
export interface RoomKey {
  key: string;
  meetingId: string;
  /** The pre-meeting test call: the peer gets its own media back, nobody else is there. */
  test: boolean;
}

export const testRoomKey = (meetingId: string, participantId: string): string => `test:${meetingId}:${participantId}`;

/** How often the ActiveSpeakerObserver decides (ms): quick enough to follow a debate. */
const SPEAKER_INTERVAL_MS = 300;

/**
 * One mediasoup router on one worker, with its ActiveSpeakerObserver (fed every mic producer) and
 * its peers; plus the moderation state the server enforces. Closes once (`closed`), with its last
 * peer, when its worker dies, or when the meeting ends; the router goes with it.
 */
export class ConferenceRoom extends EventEmitter<RoomEvents> {
  readonly peers = new Map<string, ConferencePeer>();
  /** Mute-all with lock: non-organisers cannot resume their mic; only the floor opens it. */
  locked = false;
  /** The participant holding the floor in the live session's speaker queue (in the video or not). */
  floorParticipantId: string | null = null;
  /** Whether the floor holder was muted by the chair before it got the floor: restored when the slot ends. */
  floorHolderWasMuted = false;
  /** Participants the chair muted: by participant, so rejoining (reload, second tab) does not unmute. */
  readonly chairMuted = new Set<string>();
  /** Participants the chair removed while the meeting is live: ConferenceRemovals' set for the meeting. */
  removed: ReadonlySet<string> = new Set();
  activeSpeakerPeerId: string | null = null;
  recording: ConferenceState['recording'] = { active: false, startedAt: null };
  private closedFlag = false;

  static async create(room: RoomKey, host: MediaHost): Promise<ConferenceRoom> {
    const router = await host.worker.createRouter({ mediaCodecs, appData: { room: room.key } });
    try {
      const speakers = await router.createActiveSpeakerObserver({ interval: SPEAKER_INTERVAL_MS });
      return new ConferenceRoom(room, router, host.worker, host.webRtcServer, speakers);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  private constructor(
    private readonly room: RoomKey,
    readonly router: ms.Router,
    private readonly worker: ms.Worker,
    readonly webRtcServer: ms.WebRtcServer | null,
    readonly speakerObserver: ms.ActiveSpeakerObserver,
  ) {
    super();
    // A worker closed by the pool at shutdown is not a death: nobody should rejoin.
    router.on('workerclose', () => this.close(worker.died ? 'worker' : 'ended'));
    speakerObserver.on('dominantspeaker', ({ producer }) => {
      const { peerId } = producer.appData as ProducerAppData;
      if (this.closedFlag || this.activeSpeakerPeerId === peerId) return;
      this.activeSpeakerPeerId = peerId;
      this.emit('dominantspeaker', peerId);
    });
  }

  /** The worker process hosting the router (logs, tests). */
  get workerPid(): number {
    return this.worker.pid;
  }

  get key(): string {
    return this.room.key;
  }

  get meetingId(): string {
    return this.room.meetingId;
  }

  get test(): boolean {
    return this.room.test;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** The peer given the floor, when it is in the room: shown large for everyone. */
  get spotlightPeerId(): string | null {
    return this.floorParticipantId && this.peers.has(this.floorParticipantId) ? this.floorParticipantId : null;
  }

  /** A peer of the same participant (reconnect, second tab) is replaced: closed first. */
  addPeer(peer: ConferencePeer): void {
    if (this.closedFlag) throw new Error(`room ${this.key} is closed`);
    const previous = this.peers.get(peer.id);
    peer.mutedByChair = this.chairMuted.has(peer.id);
    // The new peer is in before the old one goes, so the room is never empty in between.
    this.peers.set(peer.id, peer);
    peer.once('close', () => this.removePeer(peer));
    previous?.close();
  }

  setChairMuted(participantId: string, muted: boolean): void {
    if (muted) this.chairMuted.add(participantId);
    else this.chairMuted.delete(participantId);
    const peer = this.peers.get(participantId);
    if (peer) peer.mutedByChair = muted;
  }

  /** Idempotent: closes every peer (their transports), then the router. */
  close(reason: RoomCloseReason): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    const peers = [...this.peers.values()];
    for (const peer of peers) peer.close();
    this.peers.clear();
    this.router.close();
    this.emit('close', reason, peers);
  }

  state(): ConferenceState {
    return {
      meetingId: this.meetingId,
      peers: [...this.peers.values()].map((peer) => peer.view()),
      activeSpeakerPeerId: this.activeSpeakerPeerId,
      spotlightPeerId: this.spotlightPeerId,
      locked: this.locked,
      removedPeerIds: [...this.removed],
      recording: { ...this.recording },
    };
  }

  private removePeer(peer: ConferencePeer): void {
    if (this.peers.get(peer.id) === peer) this.peers.delete(peer.id);
    if (this.closedFlag) return;
    if (this.activeSpeakerPeerId === peer.id) this.activeSpeakerPeerId = null;
    this.emit('peerclose', peer);
    if (this.peers.size === 0) this.close('empty');
  }
}
