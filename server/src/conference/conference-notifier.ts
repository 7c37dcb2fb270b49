import type { LiveClientEvents, LiveServerEvents, PeerHealth } from '@app/shared';
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

import type { SocketData } from '../auth/session-io.adapter';
import { LiveCalls, LiveSocket, meetingRoom, ORGANISERS } from '../live/live-calls';
import type { ConferencePeer } from './conference-peer';
import type { ConferenceRoom } from './conference-room';

/** The socket.io room of a conference: only its peers, not every socket of the live session. */
export const conferenceRoom = (roomKey: string): string => `conference:${roomKey}`;
/** Organisers in a meeting's live session or its bridge: they get the health of every peer. */
export const organisersRoom = (meetingId: string): string => `conference-organisers:${meetingId}`;
/** `meeting:<id>` → the id (the live session's room of a meeting); null for any other room. */
const MEETING_ROOM_PREFIX = meetingRoom('');
const meetingOfRoom = (room: string): string | null =>
  room.startsWith(MEETING_ROOM_PREFIX) ? room.slice(MEETING_ROOM_PREFIX.length) : null;

/** Dominant-speaker changes sent at most this often per room (a lively debate flips many times a second). */
export const ACTIVE_SPEAKER_THROTTLE_MS = 1000;

type ServerEvent = keyof LiveServerEvents;

/**
 * Sends what the conference services decide to the sockets: room state (coalesced to one message
 * per tick however many changes made it), throttled active speaker, health to organisers, and
 * per-peer events.
 */
@Injectable()
export class ConferenceNotifier {
  private namespace: Namespace<LiveClientEvents, LiveServerEvents> | null = null;
  private readonly statePending = new Set<ConferenceRoom>();
  private readonly speaker = new Map<ConferenceRoom, { sentAt: number; timer: NodeJS.Timeout | null }>();
  /** Each meeting's open bridge (not test calls): an organiser arriving in the live session is sent its state. */
  private readonly bridges = new Map<string, ConferenceRoom>();

  constructor(private readonly calls: LiveCalls) {}

  /**
   * Called by the gateway once its namespace exists. An organiser's socket entering a meeting's live
   * room (`live:join`, in the live gateway) also enters its organisers' room: the chair console
   * shows the sites' health whether or not the chair is in the video.
   */
  attach(namespace: Namespace<LiveClientEvents, LiveServerEvents>): void {
    this.namespace = namespace;
    namespace.adapter.on('join-room', (room: string, socketId: string) => {
      const meetingId = meetingOfRoom(room);
      if (meetingId) void this.followHealth(namespace, meetingId, socketId);
    });
    namespace.adapter.on('leave-room', (room: string, socketId: string) => {
      const meetingId = meetingOfRoom(room);
      const socket = meetingId && namespace.sockets.get(socketId);
      // Still in the bridge: it keeps the health there (exit drops it).
      if (socket && !socket.rooms.has(conferenceRoom(meetingId))) void socket.leave(organisersRoom(meetingId));
    });
  }

  /**
   * Everyone in the room gets the new ConferenceState, once for all changes made in this tick; so do
   * the meeting's organisers outside the video (their console lists the sites).
   */
  state(room: ConferenceRoom): void {
    if (!room.test) this.bridges.set(room.meetingId, room);
    if (this.statePending.has(room)) return;
    this.statePending.add(room);
    setImmediate(() => {
      this.statePending.delete(room);
      if (!room.closed) this.namespace?.to(this.audience(room)).emit('conference:state', room.state());
    });
  }

  /** At most one message per ACTIVE_SPEAKER_THROTTLE_MS; the last speaker of a burst is always sent. */
  activeSpeaker(room: ConferenceRoom): void {
    const entry = this.speaker.get(room) ?? { sentAt: 0, timer: null };
    this.speaker.set(room, entry);
    if (entry.timer) return;
    const send = () => {
      entry.timer = null;
      entry.sentAt = Date.now();
      if (room.closed) return;
      this.namespace
        ?.to(conferenceRoom(room.key))
        .emit('conference:active-speaker', { meetingId: room.meetingId, peerId: room.activeSpeakerPeerId });
    };
    const wait = entry.sentAt + ACTIVE_SPEAKER_THROTTLE_MS - Date.now();
    if (wait <= 0) send();
    else entry.timer = setTimeout(send, wait);
  }

  health(room: ConferenceRoom, peers: PeerHealth[]): void {
    this.namespace?.to(organisersRoom(room.meetingId)).emit('conference:health', { meetingId: room.meetingId, peers });
  }

  toPeer<E extends ServerEvent>(peer: ConferencePeer, event: E, ...args: Parameters<LiveServerEvents[E]>): void {
    (peer.socket.emit as (event: E, ...args: Parameters<LiveServerEvents[E]>) => boolean)(event, ...args);
  }

  /** Every socket of this user in the meeting's live session (in the bridge or not). */
  async toParticipant<E extends ServerEvent>(
    meetingId: string,
    userId: string,
    event: E,
    ...args: Parameters<LiveServerEvents[E]>
  ): Promise<void> {
    const sockets = (await this.namespace?.in(meetingRoom(meetingId)).fetchSockets()) ?? [];
    for (const socket of sockets) {
      if ((socket.data as SocketData).user.id !== userId) continue;
      (socket.emit as (event: E, ...args: Parameters<LiveServerEvents[E]>) => boolean)(event, ...args);
    }
  }

  /** The socket joins the room's broadcasts (and the organisers' health, for an organiser in the bridge). */
  async enter(room: ConferenceRoom, peer: ConferencePeer): Promise<void> {
    await peer.socket.join(conferenceRoom(room.key));
    if (!room.test && peer.organiser) await peer.socket.join(organisersRoom(room.meetingId));
  }

  /**
   * The socket stops getting the room's broadcasts (peer closed, removed, or its room gone). An
   * organiser still in the meeting's live session keeps the health.
   */
  exit(room: ConferenceRoom, socket: LiveSocket): void {
    void socket.leave(conferenceRoom(room.key));
    if (!room.test && !socket.rooms.has(meetingRoom(room.meetingId))) void socket.leave(organisersRoom(room.meetingId));
  }

  /** An organiser's socket now in the meeting's live room gets its bridge's health too. */
  private async followHealth(
    namespace: Namespace<LiveClientEvents, LiveServerEvents>,
    meetingId: string,
    socketId: string,
  ): Promise<void> {
    const socket = namespace.sockets.get(socketId);
    if (!socket) return;
    // Cached by meeting: live:join has just read the same participant.
    const participant = await this.calls.participant((socket.data as SocketData).user, meetingId).catch(() => null);
    if (!participant || !ORGANISERS.includes(participant.meetingRole)) return;
    if (!socket.connected || !socket.rooms.has(meetingRoom(meetingId))) return;
    await socket.join(organisersRoom(meetingId));
    const bridge = this.bridges.get(meetingId);
    if (bridge && !bridge.closed) socket.emit('conference:state', bridge.state());
  }

  private audience(room: ConferenceRoom): string[] {
    return room.test ? [conferenceRoom(room.key)] : [conferenceRoom(room.key), organisersRoom(room.meetingId)];
  }

  /** A closed room's timers go with it; organisers see its bridge empty. */
  forget(room: ConferenceRoom): void {
    const entry = this.speaker.get(room);
    if (entry?.timer) clearTimeout(entry.timer);
    this.speaker.delete(room);
    if (this.bridges.get(room.meetingId) === room) {
      this.bridges.delete(room.meetingId);
      this.namespace?.to(organisersRoom(room.meetingId)).emit('conference:state', room.state());
    }
  }
}
