import type {
  AuditAction,
  LockRequest,
  MuteAllRequest,
  MutePeerRequest,
  ReadmitPeerRequest,
  RemovePeerRequest,
} from '@app/shared';
import { Injectable } from '@nestjs/common';

import { AuditEvent, AuditService } from '../audit/audit.service';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-errors';
import type { LiveCaller } from '../live/live-calls';
import { setMicPaused } from './conference-mic';
import { ConferenceNotifier } from './conference-notifier';
import type { ConferencePeer } from './conference-peer';
import { ConferenceRemovals } from './conference-removals';
import type { ConferenceRoom } from './conference-room';
import { ConferenceRoomsService } from './conference-rooms.service';

/**
 * The chair's hand on the bridge (chair and secretary; the gateway checks the role): mute a peer,
 * mute everyone with or without a lock, remove a peer and readmit it. Enforced on the server: a
 * muted mic is a paused producer, which the peer may not resume (ConferenceMediaService.pauseProducer).
 * Every act is audited, under the caller's user.
 */
@Injectable()
export class ConferenceModerationService {
  /** Lock and chair mutes of a bridge whose worker died, for the room rebuilt when its peers rejoin. */
  private readonly carried = new Map<string, { locked: boolean; chairMuted: string[] }>();

  constructor(
    private readonly rooms: ConferenceRoomsService,
    private readonly notifier: ConferenceNotifier,
    private readonly removals: ConferenceRemovals,
    private readonly audit: AuditService,
  ) {
    rooms.onRoomCreated((room) => this.carryOver(room));
  }

  /** Muting pauses the peer's mic; unmuting resumes it, even under the lock (the chair opens it). */
  async mute(caller: LiveCaller, { meetingId, peerId, muted }: MutePeerRequest): Promise<null> {
    const room = this.rooms.requireBridge(meetingId);
    const peer = this.peer(room, peerId);
    room.setChairMuted(peer.id, muted);
    await setMicPaused(peer, muted);
    this.notifier.state(room);
    await this.audit.record(
      act(caller, muted ? 'conference.muted' : 'conference.unmuted', meetingId, peer.id, {
        displayName: peer.identity.displayName,
      }),
    );
    return null;
  }

  /**
   * Pauses every mic but the organisers' and the floor holder's. `locked`: nobody else may unmute
   * until the lock is lifted (`lock`), and peers joining meanwhile start muted.
   */
  async muteAll(caller: LiveCaller, { meetingId, locked }: MuteAllRequest): Promise<null> {
    const room = this.rooms.requireBridge(meetingId);
    room.locked = locked;
    const muted = [...room.peers.values()].filter((peer) => !peer.organiser && room.floorParticipantId !== peer.id);
    await Promise.all(muted.map((peer) => setMicPaused(peer, true)));
    this.notifier.state(room);
    await this.audit.record(act(caller, 'conference.muted_all', meetingId, null, { locked, peers: muted.length }));
    return null;
  }

  /** Lifts (or sets) the lock alone: mics stay as they are; peers may unmute themselves again. */
  async lock(caller: LiveCaller, { meetingId, locked }: LockRequest): Promise<null> {
    const room = this.rooms.requireBridge(meetingId);
    room.locked = locked;
    this.notifier.state(room);
    await this.audit.record(act(caller, locked ? 'conference.locked' : 'conference.unlocked', meetingId, null));
    return null;
  }

  /**
   * The peer is told, closed, and refused if it rejoins while the meeting is live (until readmitted).
   * The removal is stored before the peer goes: a restart does not let it back in.
   */
  async remove(caller: LiveCaller, { meetingId, peerId }: RemovePeerRequest): Promise<null> {
    const room = this.rooms.requireBridge(meetingId);
    const peer = this.peer(room, peerId);
    if (peer.id === caller.participant.id) {
      throw new ValidationError('Use leave to leave the conference / Hãy dùng nút rời cuộc gọi', [
        { path: 'peerId', message: 'That is you' },
      ]);
    }
    if (peer.organiser) {
      throw new ForbiddenError('Không thể mời chủ tọa hoặc thư ký ra / The chair and secretary cannot be removed');
    }
    const details = { displayName: peer.identity.displayName };
    await this.removals.add(meetingId, peer.id, caller.user.id, (manager) =>
      this.audit.record(act(caller, 'conference.removed', meetingId, peer.id, details), manager),
    );
    this.notifier.toPeer(peer, 'conference:removed', { meetingId });
    peer.close();
    return null;
  }

  /**
   * Lifts a removal, bridge running or not: the participant may join again, and its sockets in the
   * meeting are told so (its page offers to rejoin; it does not rejoin by itself).
   */
  async readmit(caller: LiveCaller, { meetingId, peerId }: ReadmitPeerRequest): Promise<null> {
    const removal = await this.removals.lift(meetingId, peerId, (manager, { participant }) =>
      this.audit.record(
        act(caller, 'conference.readmitted', meetingId, peerId, { displayName: participant.user.displayName }),
        manager,
      ),
    );
    if (!removal) {
      throw new NotFoundError(
        `Không bị mời ra khỏi cuộc gọi / Participant ${peerId} was not removed from the conference`,
      );
    }
    const room = this.rooms.get(meetingId);
    if (room && !room.closed) this.notifier.state(room);
    await this.notifier.toParticipant(meetingId, removal.participant.userId, 'conference:readmitted', { meetingId });
    return null;
  }

  /** A worker dying must not lift the chair's mutes: the rebuilt room starts with them. */
  private carryOver(room: ConferenceRoom): void {
    if (room.test) return;
    const carried = this.carried.get(room.meetingId);
    this.carried.delete(room.meetingId);
    if (carried) {
      room.locked = carried.locked;
      for (const participantId of carried.chairMuted) room.setChairMuted(participantId, true);
    }
    room.once('close', (reason) => {
      if (reason === 'worker') {
        this.carried.set(room.meetingId, { locked: room.locked, chairMuted: [...room.chairMuted] });
      }
    });
  }

  private peer(room: ConferenceRoom, peerId: string): ConferencePeer {
    const peer = room.peers.get(peerId);
    if (!peer) throw new NotFoundError(`Không có trong cuộc gọi / Peer ${peerId} is not in the conference`);
    return peer;
  }
}

/** An audit entry of one moderation act: the caller's user did it to the peer (participant), if any. */
function act(
  caller: LiveCaller,
  action: AuditAction,
  meetingId: string,
  subjectId: string | null,
  details?: Record<string, unknown>,
): AuditEvent {
  return { action, actor: caller.user, meetingId, subjectId, ip: caller.socket.handshake.address, details };
}
