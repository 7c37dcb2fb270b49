import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AuditLogEntry } from '../audit/audit-log-entry.entity';
import { NotFoundError } from '../common/errors/domain-errors';
import { AttendanceRecord } from '../live/attendance/attendance.entity';
import { ConclusionsService } from '../live/conclusions/conclusions.service';
import { PollsService } from '../live/polls/polls.service';
import { SpeakersService } from '../live/speakers/speakers.service';
import { Meeting } from '../meetings/meeting.entity';
import { mapParticipant, sortParticipants } from '../meetings/participants/participant.mapper';
import type { MinutesAttendee, MinutesFacts } from './minutes-draft';

/**
 * Reads what the minutes are drafted from: the meeting and its agenda, attendance (the attendance
 * records), the speaking slots, the closed polls and the conclusions (from the live services), and
 * when the meeting really went live and closed (its status changes in the audit log).
 */
@Injectable()
export class MinutesFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly speakers: SpeakersService,
    private readonly polls: PollsService,
    private readonly conclusions: ConclusionsService,
  ) {}

  async read(meetingId: string): Promise<MinutesFacts> {
    const meeting = await this.dataSource.getRepository(Meeting).findOne({
      where: { id: meetingId },
      relations: { organiser: true, agendaItems: true, participants: { user: { unit: true } } },
    });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    const [records, slots, polls, conclusions, changes] = await Promise.all([
      this.dataSource.getRepository(AttendanceRecord).findBy({ meetingId }),
      this.speakers.slots(meetingId),
      this.polls.results(meetingId),
      this.conclusions.list(meetingId),
      this.dataSource
        .getRepository(AuditLogEntry)
        .find({ where: { meetingId, action: 'meeting.status_changed' }, order: { id: 'ASC' } }),
    ]);
    const recordOf = new Map(records.map((r) => [r.participantId, r]));
    const attendance: MinutesAttendee[] = sortParticipants(meeting.participants).map((p) => {
      const record = recordOf.get(p.id);
      return {
        participantId: p.id,
        displayName: p.user.displayName,
        unitName: p.user.unit?.name ?? null,
        meetingRole: p.meetingRole,
        kind: mapParticipant(p).kind,
        votingMember: p.votingMember,
        status: record?.status ?? 'unknown',
        reason: record?.reason ?? null,
        siteParticipantId: record?.siteParticipantId ?? null,
        proxyHolderId: record?.proxyHolderParticipantId ?? null,
      };
    });
    const byId = new Map(attendance.map((a) => [a.participantId, a]));
    const to = (status: string) => changes.filter((c) => c.details?.['to'] === status).map((c) => c.at);
    return {
      meeting: {
        title: meeting.title,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        place: meeting.place,
        mode: meeting.mode,
        organiserName: meeting.organiser.name,
        openedAt: to('live')[0] ?? null,
        closedAt: to('closed').at(-1) ?? null,
      },
      agenda: meeting.agendaItems.map((item) => ({
        id: item.id,
        position: item.position,
        title: item.title,
        presenter: item.presenter,
      })),
      attendance,
      speeches: slots.map((slot) => ({
        displayName: slot.displayName,
        unitName: byId.get(slot.participantId)?.unitName ?? null,
        kind: slot.kind,
        agendaItemId: slot.agendaItemId,
        startedAt: slot.startedAt,
        endedAt: slot.endedAt,
      })),
      polls,
      conclusions: conclusions.map((c) => ({ agendaItemId: c.agendaItemId, text: c.text })),
    };
  }
}
