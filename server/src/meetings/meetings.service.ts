import type { ListMeetingsQuery, MeetingDetailResponse, MeetingResponse, MeetingRole } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { NotFoundError } from '../common/errors/domain-errors';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { ORGANISER_ROLES } from './access/meeting-access.decorators';
import { mapMeeting, mapMeetingDetail } from './meeting.mapper';
import { Meeting } from './meeting.entity';
import { seesAllDocuments, Viewer, visibleDocumentCondition } from './visible-documents';

/** Reading meetings: the caller's list and one meeting's detail. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(MeetingDocument) private readonly documents: Repository<MeetingDocument>,
  ) {}

  /**
   * Only meetings the user takes part in. Drafts show only to their chairs and secretaries: the
   * others are invited when the meeting is scheduled. The document count is of the documents the
   * user may see.
   */
  async list(userId: string, query: ListMeetingsQuery, now = new Date()): Promise<MeetingResponse[]> {
    const qb = this.meetings
      .createQueryBuilder('meeting')
      .innerJoinAndSelect('meeting.organiser', 'organiser')
      .innerJoin('meeting.participants', 'me', 'me.userId = :userId', { userId })
      .loadRelationCountAndMap('meeting.agendaItemCount', 'meeting.agendaItems')
      .addSelect(
        `(SELECT COUNT(*) FROM documents d WHERE d.meetingId = meeting.id AND ` +
          `(me.meetingRole IN (:...organiserRoles) OR ${visibleDocumentCondition('d')}))`,
        'visible_documents',
      )
      .addSelect('me.meetingRole', 'my_role')
      .setParameter('viewerId', userId)
      .where(`(meeting.status != 'draft' OR me.meetingRole IN (:...organiserRoles))`, {
        organiserRoles: ORGANISER_ROLES,
      })
      .orderBy('meeting.startsAt', query.scope === 'past' ? 'DESC' : 'ASC')
      .addOrderBy('meeting.id', 'ASC');
    if (query.scope === 'upcoming') qb.andWhere('meeting.endsAt >= :now', { now });
    if (query.scope === 'past') qb.andWhere('meeting.endsAt < :now', { now });
    if (query.status) qb.andWhere('meeting.status = :status', { status: query.status });
    if (query.from) qb.andWhere('meeting.endsAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('meeting.startsAt <= :to', { to: new Date(query.to) });
    const { entities, raw } = await qb.getRawAndEntities<{
      meeting_id: string;
      visible_documents: number;
      my_role: MeetingRole;
    }>();
    const rows = new Map(raw.map((row) => [row.meeting_id, row]));
    return entities.map((meeting) => {
      const row = rows.get(meeting.id);
      meeting.documentCount = Number(row?.visible_documents ?? 0);
      return mapMeeting(meeting, row?.my_role ?? 'guest');
    });
  }

  /** The detail as this participant sees it: their role, and only the documents they may see. */
  async get(id: string, viewer: Viewer): Promise<MeetingDetailResponse> {
    const meeting = await this.meetings.findOne({
      where: { id },
      relations: { organiser: true, agendaItems: true, participants: { user: { unit: true } } },
    });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${id} not found`);
    const documents = this.documents
      .createQueryBuilder('document')
      .where('document.meetingId = :id', { id })
      .orderBy('document.createdAt', 'ASC')
      .addOrderBy('document.id', 'ASC');
    if (!seesAllDocuments(viewer.meetingRole)) {
      documents.andWhere(visibleDocumentCondition('document'), { viewerId: viewer.userId });
    }
    meeting.documents = await documents.getMany();
    return mapMeetingDetail(meeting, viewer.meetingRole);
  }
}
