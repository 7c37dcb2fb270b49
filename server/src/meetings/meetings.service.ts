import type { ListMeetingsQuery, MeetingDetailResponse, MeetingResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { NotFoundError } from '../common/errors/domain-errors';
import { mapMeeting, mapMeetingDetail } from './meeting.mapper';
import { Meeting } from './meeting.entity';

@Injectable()
export class MeetingsService {
  constructor(@InjectRepository(Meeting) private readonly meetings: Repository<Meeting>) {}

  /** Only meetings the user takes part in. */
  async list(userId: string, query: ListMeetingsQuery): Promise<MeetingResponse[]> {
    const qb = this.meetings
      .createQueryBuilder('meeting')
      .innerJoinAndSelect('meeting.organiser', 'organiser')
      .innerJoin('meeting.participants', 'me', 'me.userId = :userId', { userId })
      .loadRelationCountAndMap('meeting.agendaItemCount', 'meeting.agendaItems')
      .loadRelationCountAndMap('meeting.documentCount', 'meeting.documents')
      .orderBy('meeting.startsAt', 'ASC');
    if (query.status) qb.andWhere('meeting.status = :status', { status: query.status });
    if (query.from) qb.andWhere('meeting.endsAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('meeting.startsAt <= :to', { to: new Date(query.to) });
    return (await qb.getMany()).map(mapMeeting);
  }

  async get(id: string): Promise<MeetingDetailResponse> {
    const meeting = await this.meetings.findOne({
      where: { id },
      relations: { organiser: true, agendaItems: true, documents: true },
    });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${id} not found`);
    return mapMeetingDetail(meeting);
  }
}
