import type { AddParticipantRequest, MeetingRole, ParticipantResponse, UpdateParticipantRequest } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import { LiveStateService } from '../../live/live-state.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-errors';
import { User } from '../../people/user.entity';
import { ORGANISER_ROLES } from '../access/meeting-access.decorators';
import { MeetingInvitationsService } from '../invitations/meeting-invitations.service';
import { Meeting } from '../meeting.entity';
import { assertPreparationOpen } from '../meeting-rules';
import { Participant } from '../participant.entity';
import { mapParticipant, sortParticipants } from './participant.mapper';

/** Chairs and delegates vote by default; secretaries, guests and sites do not. */
const VOTES_BY_DEFAULT: Record<MeetingRole, boolean> = {
  chair: true,
  secretary: false,
  delegate: true,
  guest: false,
  site: false,
};

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly live: LiveStateService,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    private readonly audit: AuditService,
    private readonly invitations: MeetingInvitationsService,
  ) {}

  async list(meetingId: string): Promise<ParticipantResponse[]> {
    const rows = await this.participants.find({ where: { meetingId }, relations: { user: { unit: true } } });
    return sortParticipants(rows).map(mapParticipant);
  }

  /** A person or a commune site. Added to a scheduled or live meeting, they are invited at once. */
  async add(
    meetingId: string,
    input: AddParticipantRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<ParticipantResponse> {
    // Through the live state: a live meeting's attendance list shows the change at once.
    const {
      result: { participantId, invite },
    } = await this.live.change(meetingId, ['attendance'], async (manager) => {
      const meeting = await this.openMeeting(manager, meetingId);
      const user = await manager.findOneBy(User, { id: input.userId, active: true });
      if (!user) {
        throw new ValidationError('Không tìm thấy người dùng / Unknown or inactive user', [
          { path: 'userId', message: 'Unknown or inactive user' },
        ]);
      }
      if (await manager.existsBy(Participant, { meetingId, userId: user.id })) {
        throw new ConflictError(
          `${user.displayName} đã có trong thành phần cuộc họp / ${user.username} already takes part in this meeting`,
        );
      }
      const meetingRole = input.meetingRole ?? (user.role === 'commune_site' ? 'site' : 'delegate');
      assertRoleFits(user, meetingRole);
      const participant = await manager.save(
        manager.create(Participant, {
          meetingId,
          userId: user.id,
          meetingRole,
          votingMember: input.votingMember ?? VOTES_BY_DEFAULT[meetingRole],
        }),
      );
      await this.audit.record(
        {
          action: 'participant.added',
          actor,
          meetingId,
          subjectId: participant.id,
          ip,
          details: { userId: user.id, username: user.username, meetingRole, votingMember: participant.votingMember },
        },
        manager,
      );
      return { participantId: participant.id, invite: meeting.status === 'scheduled' || meeting.status === 'live' };
    });
    if (invite) await this.invitations.announce('invited', meetingId, { userIds: [input.userId] });
    return this.getOne(meetingId, participantId);
  }

  async update(
    meetingId: string,
    participantId: string,
    input: UpdateParticipantRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<ParticipantResponse> {
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      await this.openMeeting(manager, meetingId);
      const participant = await this.findParticipant(manager, meetingId, participantId);
      const meetingRole = input.meetingRole ?? participant.meetingRole;
      assertRoleFits(participant.user, meetingRole);
      if (ORGANISER_ROLES.includes(participant.meetingRole) && !ORGANISER_ROLES.includes(meetingRole)) {
        await assertAnotherOrganiser(manager, meetingId, participant.id);
      }
      const votingMember = input.votingMember ?? participant.votingMember;
      await manager.update(Participant, { id: participant.id }, { meetingRole, votingMember });
      await this.audit.record(
        {
          action: 'participant.updated',
          actor,
          meetingId,
          subjectId: participant.id,
          ip,
          details: {
            userId: participant.userId,
            from: { meetingRole: participant.meetingRole, votingMember: participant.votingMember },
            to: { meetingRole, votingMember },
          },
        },
        manager,
      );
    });
    return this.getOne(meetingId, participantId);
  }

  async remove(meetingId: string, participantId: string, actor: AuthUser, ip: string): Promise<void> {
    await this.live.change(meetingId, ['attendance'], async (manager) => {
      await this.openMeeting(manager, meetingId);
      const participant = await this.findParticipant(manager, meetingId, participantId);
      if (ORGANISER_ROLES.includes(participant.meetingRole)) {
        await assertAnotherOrganiser(manager, meetingId, participant.id);
      }
      await manager.delete(Participant, { id: participant.id });
      await this.audit.record(
        {
          action: 'participant.removed',
          actor,
          meetingId,
          subjectId: participant.id,
          ip,
          details: {
            userId: participant.userId,
            username: participant.user.username,
            meetingRole: participant.meetingRole,
          },
        },
        manager,
      );
    });
  }

  private async getOne(meetingId: string, participantId: string): Promise<ParticipantResponse> {
    return mapParticipant(await this.findParticipant(this.participants.manager, meetingId, participantId));
  }

  private async openMeeting(manager: EntityManager, meetingId: string): Promise<Meeting> {
    const meeting = await manager.findOneBy(Meeting, { id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    assertPreparationOpen(meeting.status);
    return meeting;
  }

  private async findParticipant(manager: EntityManager, meetingId: string, id: string): Promise<Participant> {
    const participant = await manager.findOne(Participant, {
      where: { id, meetingId },
      relations: { user: { unit: true } },
    });
    if (!participant) throw new NotFoundError(`Không tìm thấy thành viên / Participant ${id} not found`);
    return participant;
  }
}

/** A commune site's account joins only as a site, and only a site's account can. */
function assertRoleFits(user: User, meetingRole: MeetingRole): void {
  const isSite = user.role === 'commune_site';
  if (isSite !== (meetingRole === 'site')) {
    throw new ValidationError(
      isSite
        ? 'Điểm cầu xã chỉ tham gia với vai trò điểm cầu / A commune site joins as a site'
        : 'Vai trò điểm cầu chỉ dành cho tài khoản điểm cầu xã / Only commune-site accounts join as a site',
      [{ path: 'meetingRole', message: isSite ? 'Must be `site`' : 'Only commune-site accounts can be `site`' }],
    );
  }
}

/** Someone must still be able to run the meeting. */
async function assertAnotherOrganiser(manager: EntityManager, meetingId: string, exceptId: string): Promise<void> {
  const organisers = await manager.find(Participant, { where: { meetingId }, select: { id: true, meetingRole: true } });
  if (!organisers.some((p) => p.id !== exceptId && ORGANISER_ROLES.includes(p.meetingRole))) {
    throw new ConflictError(
      'Cuộc họp cần ít nhất một chủ tọa hoặc thư ký / A meeting needs at least one chair or secretary',
    );
  }
}
