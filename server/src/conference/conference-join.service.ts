import type { ConferenceJoinInfo, ConferenceJoinRequest, MeetingStatus } from '@app/shared';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { types as ms } from 'mediasoup';
import { Repository } from 'typeorm';

import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import type { LiveCaller, LiveSocket } from '../live/live-calls';
import { AttendanceService } from '../live/attendance/attendance.service';
import { LiveStateService } from '../live/live-state.service';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { ConferenceConsumers } from './conference-consumers';
import { ConferenceNotifier } from './conference-notifier';
import { ConferencePeer } from './conference-peer';
import { ConferenceRemovals } from './conference-removals';
import { ConferenceRoom, RoomKey, testRoomKey } from './conference-room';
import { ConferenceRoomsService } from './conference-rooms.service';
import { iceServersFor } from './ice-servers';
import { createPeerTransport, transportOptions } from './peer-transports';

/** The bridge runs while the meeting is live; a test call may also be made before it starts. */
const BRIDGE_STATUSES: readonly MeetingStatus[] = ['live'];
const TEST_STATUSES: readonly MeetingStatus[] = ['scheduled', 'live'];

/**
 * Entering and leaving a conference: who may join (participants of a live meeting, not removed by
 * the chair), one peer per participant (a new join replaces the old one, and a socket is in one
 * room per meeting), the attendance check-in, and the end of everything when the meeting stops
 * being live.
 */
@Injectable()
export class ConferenceJoinService implements OnModuleInit {
  private readonly logger = new Logger(ConferenceJoinService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly rooms: ConferenceRoomsService,
    private readonly notifier: ConferenceNotifier,
    private readonly removals: ConferenceRemovals,
    private readonly attendance: AttendanceService,
    private readonly consumers: ConferenceConsumers,
    private readonly live: LiveStateService,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
  ) {}

  onModuleInit(): void {
    this.live.onChange((meetingId, changed) => {
      if (changed.includes('meeting')) void this.endUnlessLive(meetingId);
    });
  }

  async join(
    caller: LiveCaller,
    { meetingId, test = false, rtpCapabilities }: ConferenceJoinRequest,
  ): Promise<ConferenceJoinInfo> {
    if (rtpCapabilities && !Array.isArray(rtpCapabilities['codecs'])) {
      throw new ValidationError('rtpCapabilities: no codecs', [{ path: 'rtpCapabilities', message: 'No codecs' }]);
    }
    await this.requireStatus(meetingId, test ? TEST_STATUSES : BRIDGE_STATUSES);
    const participantId = caller.participant.id;
    if (!test && (await this.removals.has(meetingId, participantId))) {
      throw new ForbiddenError(
        'Chủ tọa đã mời bạn rời cuộc gọi video / The chair removed you from this video conference',
      );
    }
    const participant = await this.participants.findOne({ where: { id: participantId }, relations: { user: true } });
    if (!participant) throw new NotFoundError(`Meeting ${meetingId} not found`);

    const key: RoomKey = { key: test ? testRoomKey(meetingId, participantId) : meetingId, meetingId, test };
    // One room per socket and meeting: moving between the test call and the bridge leaves the other.
    // (A peer already in the target room is replaced by addPeer, which keeps the room open.)
    for (const room of this.rooms.ofMeeting(meetingId)) {
      const peer = room.peers.get(participantId);
      if (room.key !== key.key && peer?.socket.id === caller.socket.id) peer.close();
    }
    const peer = new ConferencePeer(
      {
        participantId,
        userId: participant.userId,
        displayName: participant.user.displayName,
        kind: participant.user.role === 'commune_site' ? 'site' : 'person',
        meetingRole: participant.meetingRole,
      },
      caller.socket,
    );
    const room = await this.enter(key, peer);
    await this.notifier.enter(room, peer);
    this.notifier.state(room);
    if (!test && peer.identity.kind === 'person') {
      await this.attendance
        .checkInByVideo(meetingId, participantId)
        .catch((error: Error) => this.logger.error(`video check-in of ${participantId} failed: ${error.message}`));
    }
    const transports = rtpCapabilities
      ? await this.prepareMedia(room, peer, rtpCapabilities as unknown as ms.RtpCapabilities)
      : undefined;
    return {
      routerRtpCapabilities: room.router.rtpCapabilities as unknown as ConferenceJoinInfo['routerRtpCapabilities'],
      iceServers: iceServersFor(this.config.turn, caller.user.id),
      state: room.state(),
      peerId: participantId,
      ...(transports ? { transports } : {}),
    };
  }

  /**
   * The one-round-trip join: both transports now, and the room's consumers offered right behind the
   * answer (not awaited: the client keeps offers that come before it has its receive transport).
   */
  private async prepareMedia(
    room: ConferenceRoom,
    peer: ConferencePeer,
    rtpCapabilities: ms.RtpCapabilities,
  ): Promise<NonNullable<ConferenceJoinInfo['transports']>> {
    const [send, recv] = await Promise.all([
      createPeerTransport(room, peer, 'send', this.config.media),
      createPeerTransport(room, peer, 'recv', this.config.media),
    ]);
    peer.rtpCapabilities = rtpCapabilities;
    void this.consumers
      .offerAll(room, peer)
      .catch((error: Error) => this.logger.warn(`offers to ${peer.id} failed: ${error.message}`));
    return { send: transportOptions(send), recv: transportOptions(recv) };
  }

  /** What a device loads before it joins (any participant of the meeting may ask). */
  async capabilities(): Promise<{ routerRtpCapabilities: ConferenceJoinInfo['routerRtpCapabilities'] }> {
    const capabilities = await this.rooms.routerCapabilities();
    return { routerRtpCapabilities: capabilities as unknown as ConferenceJoinInfo['routerRtpCapabilities'] };
  }

  /** Idempotent: a caller not in the conference has nothing to leave. */
  leave(caller: LiveCaller, meetingId: string): void {
    this.rooms.find(meetingId, caller.participant.id, caller.socket)?.peer.close();
  }

  /** A socket that goes away takes its peers with it. */
  disconnect(socket: LiveSocket): void {
    for (const peer of this.rooms.peersOf(socket)) peer.close();
  }

  /** The room may close (its last peer leaving) between being found and being entered: then a new one. */
  private async enter(key: RoomKey, peer: ConferencePeer): Promise<ConferenceRoom> {
    for (let attempt = 0; ; attempt++) {
      const room = await this.rooms.getOrCreate(key);
      if (!room.closed) {
        room.addPeer(peer);
        return room;
      }
      if (attempt > 2) throw new Error(`room ${key.key} keeps closing`);
    }
  }

  private async requireStatus(meetingId: string, statuses: readonly MeetingStatus[]): Promise<void> {
    const meeting = await this.meetings.findOneBy({ id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    if (!statuses.includes(meeting.status)) {
      throw new ConflictError(
        `Cuộc họp đang ở trạng thái "${meeting.status}" / The meeting is ${meeting.status}, not ${statuses.join(' or ')}`,
      );
    }
  }

  /** A meeting that leaves `live` ends its bridge (and its removals); test calls end once it is over. */
  private async endUnlessLive(meetingId: string): Promise<void> {
    const open = this.rooms.ofMeeting(meetingId);
    const status = (await this.meetings.findOneBy({ id: meetingId }))?.status;
    if (status === 'live') return;
    for (const room of open) {
      if (!room.test || !status || !TEST_STATUSES.includes(status)) room.close('ended');
    }
    await this.removals
      .clear(meetingId)
      .catch((error: Error) => this.logger.error(`removals of ${meetingId} not cleared: ${error.message}`));
  }
}
