import type { CreateMeetingRequest, MeetingDetailResponse, MeetingRole, UpdateMeetingRequest } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-errors';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { MeetingInvitationsService } from './invitations/meeting-invitations.service';
import { Meeting } from './meeting.entity';
import { assertMeetingEditable } from './meeting-rules';
import { MeetingsService } from './meetings.service';
import { Participant } from './participant.entity';
import type { Viewer } from './visible-documents';

/** Admins create meetings on a secretary's behalf, so they run them as secretary. */
const CREATOR_ROLE: Partial<Record<AuthUser['role'], MeetingRole>> = {
  secretary: 'secretary',
  chair: 'chair',
  admin: 'secretary',
};

/** Changes that participants of a scheduled meeting must hear about. */
const ANNOUNCED_FIELDS = ['startsAt', 'endsAt', 'place'] as const;

/** Creating a meeting and changing its details. */
@Injectable()
export class MeetingsPlanningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reader: MeetingsService,
    private readonly invitations: MeetingInvitationsService,
  ) {}

  /** A new draft; the creator joins it as secretary (or chair). */
  async create(input: CreateMeetingRequest, actor: AuthUser, ip: string): Promise<MeetingDetailResponse> {
    const role = CREATOR_ROLE[actor.role];
    if (!role) throw new ForbiddenError('Tài khoản không được tạo cuộc họp / Your account may not create meetings');
    const meetingId = await this.dataSource.transaction(async (manager) => {
      const organiserId = input.organiserUnitId ?? actor.unitId;
      await this.requireUnit(manager, organiserId);
      const meeting = await manager.save(
        manager.create(Meeting, {
          title: input.title,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          place: input.place,
          mode: input.mode,
          status: 'draft',
          organiserId,
        }),
      );
      await manager.save(
        manager.create(Participant, {
          meetingId: meeting.id,
          userId: actor.id,
          meetingRole: role,
          votingMember: role === 'chair',
        }),
      );
      await this.audit.record(
        { action: 'meeting.created', actor, meetingId: meeting.id, subjectId: meeting.id, ip, details: { ...input } },
        manager,
      );
      return meeting.id;
    });
    return this.reader.get(meetingId, { userId: actor.id, meetingRole: role });
  }

  /** Only before the meeting starts. Participants of a scheduled meeting hear of a new time or place. */
  async update(
    meetingId: string,
    input: UpdateMeetingRequest,
    actor: AuthUser,
    viewer: Viewer,
    ip: string,
  ): Promise<MeetingDetailResponse> {
    const { announce } = await this.dataSource.transaction(async (manager) => {
      const meeting = await manager.findOneBy(Meeting, { id: meetingId });
      if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
      assertMeetingEditable(meeting.status);
      const next = {
        title: input.title ?? meeting.title,
        startsAt: input.startsAt ? new Date(input.startsAt) : meeting.startsAt,
        endsAt: input.endsAt ? new Date(input.endsAt) : meeting.endsAt,
        place: input.place ?? meeting.place,
        mode: input.mode ?? meeting.mode,
        organiserId: input.organiserUnitId ?? meeting.organiserId,
      };
      if (next.endsAt <= next.startsAt) {
        throw new ValidationError('Dữ liệu không hợp lệ / Invalid input', [
          { path: 'endsAt', message: '`endsAt` must be after `startsAt`' },
        ]);
      }
      if (input.organiserUnitId) await this.requireUnit(manager, input.organiserUnitId);
      const changes = diff(meeting, next);
      if (!Object.keys(changes).length) return { announce: false };
      await manager.update(Meeting, { id: meetingId }, next);
      await this.audit.record(
        { action: 'meeting.updated', actor, meetingId, subjectId: meetingId, ip, details: { changes } },
        manager,
      );
      return {
        announce: meeting.status === 'scheduled' && ANNOUNCED_FIELDS.some((field) => field in changes),
      };
    });
    if (announce) await this.invitations.announce('updated', meetingId, { exceptUserId: actor.id });
    return this.reader.get(meetingId, viewer);
  }

  private async requireUnit(manager: EntityManager, unitId: string): Promise<void> {
    if (!(await manager.existsBy(OrganisationUnit, { id: unitId }))) {
      throw new ValidationError('Đơn vị tổ chức không tồn tại / Unknown organiser unit', [
        { path: 'organiserUnitId', message: 'Unknown organisation unit' },
      ]);
    }
  }
}

type Comparable = Record<string, string | Date>;

/** Field → { from, to } for the audit log; dates compared by instant. */
function diff(before: Comparable | Meeting, after: Comparable): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Comparable)[key];
    const same = value instanceof Date && old instanceof Date ? value.getTime() === old.getTime() : value === old;
    if (!same) changes[key] = { from: old, to: value };
  }
  return changes;
}
