import type { LiveClientEvents, LiveServerEvents, PeerHealth } from '@app/shared';
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

import type { LiveSocket } from '../live/live-calls';
import type { ConferencePeer } from './conference-peer';
import type { ConferenceRoom } from './conference-room';

/** The socket.io room of a conference: only its peers, not every socket of the live session. */
export const conferenceRoom = (roomKey: string): string => `conference:${roomKey}`;
/** Organisers in a meeting's bridge: they get the health of every peer. */
export const organisersRoom = (meetingId: string): string => `conference-organisers:${meetingId}`;

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

  /** Called by the gateway once its namespace exists. */
  attach(namespace: Namespace<LiveClientEvents, LiveServerEvents>): void {
    this.namespace = namespace;
  }

  /** Everyone in the room gets the new ConferenceState, once for all changes made in this tick. */
  state(room: ConferenceRoom): void {
    if (this.statePending.has(room)) return;
    this.statePending.add(room);
    setImmediate(() => {
      this.statePending.delete(room);
      if (!room.closed) this.namespace?.to(conferenceRoom(room.key)).emit('conference:state', room.state());
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

  /** The socket joins the room's broadcasts (and the organisers' health, for an organiser in the bridge). */
  async enter(room: ConferenceRoom, peer: ConferencePeer): Promise<void> {
    await peer.socket.join(conferenceRoom(room.key));
    if (!room.test && peer.organiser) await peer.socket.join(organisersRoom(room.meetingId));
  }

  /** The socket stops getting the room's broadcasts (peer closed, removed, or its room gone). */
  exit(room: ConferenceRoom, socket: LiveSocket): void {
    void socket.leave(conferenceRoom(room.key));
    if (!room.test) void socket.leave(organisersRoom(room.meetingId));
  }

  /** A closed room's timers go with it. */
  forget(room: ConferenceRoom): void {
    const entry = this.speaker.get(room);
    if (entry?.timer) clearTimeout(entry.timer);
    this.speaker.delete(room);
  }
}
