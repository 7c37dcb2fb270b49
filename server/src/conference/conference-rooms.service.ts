import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { NotFoundError } from '../common/errors/domain-errors';
import type { LiveSocket } from '../live/live-calls';
import { mediaCodecs } from '../media/media-codecs';
import { MediaWorkerPool } from '../media/media-worker-pool';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferencePeer } from './conference-peer';
import { ConferenceRoom, RoomKey, testRoomKey } from './conference-room';

/** What the other conference services attach to a new room (timers, floor, recording). */
export type RoomListener = (room: ConferenceRoom) => void;

export interface LocatedPeer {
  room: ConferenceRoom;
  peer: ConferencePeer;
}

/**
 * The live rooms by key (a meeting's id for its bridge, `test:…` for a test call). A room is
 * created on first join, on the next worker of the pool, and creation is serialised per key:
 * joins racing for a new room wait for the one router. A room leaves the map when it closes; when
 * its worker died, its peers are told `conference:reset` and rejoin, and the next join rebuilds
 * the room on a live worker.
 */
@Injectable()
export class ConferenceRoomsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ConferenceRoomsService.name);
  private readonly rooms = new Map<string, ConferenceRoom>();
  private readonly creating = new Map<string, Promise<ConferenceRoom>>();
  private readonly listeners: RoomListener[] = [];
  private capabilities: Promise<ms.RtpCapabilities> | null = null;

  constructor(
    private readonly pool: MediaWorkerPool,
    private readonly notifier: ConferenceNotifier,
  ) {}

  onApplicationShutdown(): void {
    for (const room of this.rooms.values()) room.close('ended');
  }

  /** Runs for every room created from now on, before its first peer is added. */
  onRoomCreated(listener: RoomListener): void {
    this.listeners.push(listener);
  }

  get(key: string): ConferenceRoom | undefined {
    return this.rooms.get(key);
  }

  /** Every open room of a meeting: its bridge and its test calls. */
  ofMeeting(meetingId: string): ConferenceRoom[] {
    return [...this.rooms.values()].filter((room) => room.meetingId === meetingId);
  }

  all(): ConferenceRoom[] {
    return [...this.rooms.values()];
  }

  /**
   * Every router is made from the same codecs, so has the same capabilities: read once off a router
   * made for it (or an open room's), for devices that load before they join.
   */
  routerCapabilities(): Promise<ms.RtpCapabilities> {
    const open = this.all().find((room) => !room.closed);
    if (open) return Promise.resolve(open.router.rtpCapabilities);
    this.capabilities ??= this.pool
      .acquireHost()
      .then(async ({ worker }) => {
        const router = await worker.createRouter({ mediaCodecs });
        router.close();
        return router.rtpCapabilities;
      })
      .catch((error: unknown) => {
        this.capabilities = null;
        throw error;
      });
    return this.capabilities;
  }

  async getOrCreate(key: RoomKey): Promise<ConferenceRoom> {
    const open = this.rooms.get(key.key);
    if (open && !open.closed) return open;
    let pending = this.creating.get(key.key);
    if (!pending) {
      pending = this.create(key).finally(() => this.creating.delete(key.key));
      this.creating.set(key.key, pending);
    }
    return pending;
  }

  /** The caller's peer in this meeting (its test call first), on this very socket: a replaced tab has none. */
  find(meetingId: string, participantId: string, socket: LiveSocket): LocatedPeer | null {
    for (const key of [testRoomKey(meetingId, participantId), meetingId]) {
      const room = this.rooms.get(key);
      const peer = room?.peers.get(participantId);
      if (room && peer && !peer.closed && peer.socket.id === socket.id) return { room, peer };
    }
    return null;
  }

  require(meetingId: string, participantId: string, socket: LiveSocket): LocatedPeer {
    const found = this.find(meetingId, participantId, socket);
    if (!found) {
      throw new NotFoundError(
        'Bạn chưa tham gia cuộc gọi video của cuộc họp / You have not joined this meeting’s video conference',
      );
    }
    return found;
  }

  /** The meeting's bridge (not a test call), which must be running. */
  requireBridge(meetingId: string): ConferenceRoom {
    const room = this.rooms.get(meetingId);
    if (!room || room.closed) {
      throw new NotFoundError('Cuộc gọi video chưa bắt đầu / The video conference of this meeting is not running');
    }
    return room;
  }

  /** Every peer on this socket (a socket that disconnects leaves all of its rooms). */
  peersOf(socket: LiveSocket): ConferencePeer[] {
    return this.all().flatMap((room) => [...room.peers.values()].filter((peer) => peer.socket.id === socket.id));
  }

  private async create(key: RoomKey): Promise<ConferenceRoom> {
    const host = await this.pool.acquireHost();
    const room = await ConferenceRoom.create(key, host);
    this.rooms.set(key.key, room);
    room.on('close', (reason, peers) => {
      if (this.rooms.get(key.key) === room) this.rooms.delete(key.key);
      this.notifier.forget(room);
      for (const peer of peers) this.notifier.exit(room, peer.socket);
      if (reason === 'worker') {
        this.logger.warn(`conference ${key.key}: worker pid ${host.worker.pid} died; ${peers.length} peer(s) reset`);
        for (const peer of peers) this.notifier.toPeer(peer, 'conference:reset', { meetingId: room.meetingId });
      }
    });
    room.on('peerclose', (peer) => {
      this.notifier.exit(room, peer.socket);
      this.notifier.state(room);
    });
    room.on('dominantspeaker', () => this.notifier.activeSpeaker(room));
    for (const listener of this.listeners) listener(room);
    return room;
  }
}
