import { LiveMeetingState, MeetingStatus, SetCurrentItemRequest } from '@app/shared';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { AgendaItem } from '../../meetings/agenda-item.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { LiveStateRow } from '../live-state.entity';
import { LiveStateService } from '../live-state.service';

/** The meeting slice (status, item under discussion) and the status checks the other features share. */
@Injectable()
export class MeetingSessionService implements OnModuleInit {
  constructor(
    private readonly live: LiveStateService,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(AgendaItem) private readonly agendaItems: Repository<AgendaItem>,
    @InjectRepository(LiveStateRow) private readonly rows: Repository<LiveStateRow>,
  ) {}

  onModuleInit(): void {
    this.live.registerSlice('meeting', (meetingId) => this.load(meetingId));
  }

  /** Fails unless the meeting is in one of `statuses` (e.g. ballots only while it is live). */
  async requireStatus(meetingId: string, statuses: readonly MeetingStatus[]): Promise<Meeting> {
    const meeting = await this.meetings.findOneBy({ id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    if (!statuses.includes(meeting.status)) {
      throw new ConflictError(
        `Cuộc họp đang ở trạng thái "${meeting.status}" / The meeting is ${meeting.status}, not ${statuses.join(' or ')}`,
      );
    }
    return meeting;
  }

  /** Fails unless the agenda item belongs to this meeting. */
  async requireAgendaItem(meetingId: string, agendaItemId: string): Promise<AgendaItem> {
    const item = await this.agendaItems.findOneBy({ id: agendaItemId, meetingId });
    if (!item) throw new NotFoundError(`Không có mục chương trình này / No such agenda item in this meeting`);
    return item;
  }

  async setCurrentItem(request: SetCurrentItemRequest): Promise<void> {
    await this.requireStatus(request.meetingId, ['live']);
    if (request.agendaItemId) await this.requireAgendaItem(request.meetingId, request.agendaItemId);
    await this.live.change(request.meetingId, ['meeting'], async (manager) => {
      await this.live.row(manager, request.meetingId);
      await manager.update(
        LiveStateRow,
        { meetingId: request.meetingId },
        { currentAgendaItemId: request.agendaItemId },
      );
    });
  }

  private async load(meetingId: string): Promise<LiveMeetingState> {
    const [meeting, row] = await Promise.all([
      this.meetings.findOneByOrFail({ id: meetingId }),
      this.rows.findOneBy({ meetingId }),
    ]);
    return { status: meeting.status, currentAgendaItemId: row?.currentAgendaItemId ?? null };
  }
}
