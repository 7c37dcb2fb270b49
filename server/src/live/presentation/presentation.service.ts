import { MovePresenterRequest, PresentationState, SetPresenterRequest } from '@app/shared';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { ForbiddenError, NotFoundError } from '../../common/errors/domain-errors';
import { MeetingDocument } from '../../documents/meeting-document.entity';
import { Participant } from '../../meetings/participant.entity';
import { User } from '../../people/user.entity';
import type { LiveCaller } from '../live-calls';
import { LiveStateRow } from '../live-state.entity';
import { LiveStateService } from '../live-state.service';
import { MeetingSessionService } from '../session/meeting-session.service';

/**
 * Follow the presenter: who presents, and the document, page, zoom and scroll they are at. Page
 * events, not video: they reach a site whose link is too weak for video. Persisted, so a reader who
 * reconnects (or a restarted server) lands on the presenter's page.
 */
@Injectable()
export class PresentationService implements OnModuleInit {
  constructor(
    private readonly live: LiveStateService,
    private readonly session: MeetingSessionService,
    @InjectRepository(LiveStateRow) private readonly rows: Repository<LiveStateRow>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    @InjectRepository(MeetingDocument) private readonly documents: Repository<MeetingDocument>,
  ) {}

  onModuleInit(): void {
    this.live.registerSlice('presentation', (meetingId) => this.load(meetingId));
  }

  async setPresenter(request: SetPresenterRequest): Promise<void> {
    await this.session.requireStatus(request.meetingId, ['live']);
    if (
      request.userId &&
      !(await this.participants.existsBy({ meetingId: request.meetingId, userId: request.userId }))
    ) {
      throw new NotFoundError('Người này không tham dự cuộc họp / This person does not take part in the meeting');
    }
    await this.live.change(request.meetingId, ['presentation'], async (manager) => {
      await this.live.row(manager, request.meetingId);
      await manager.update(LiveStateRow, { meetingId: request.meetingId }, { presenterUserId: request.userId });
    });
  }

  /** Only the presenter moves everyone; the version tells followers which move is the newest. */
  async move(caller: LiveCaller, request: MovePresenterRequest): Promise<{ version: number }> {
    await this.session.requireStatus(request.meetingId, ['live']);
    const row = await this.rows.findOneBy({ meetingId: request.meetingId });
    if (row?.presenterUserId !== caller.user.id) {
      throw new ForbiddenError('Bạn không phải người trình bày / You are not the presenter');
    }
    const { documentId } = request.position;
    if (!(await this.documents.existsBy({ id: documentId, meetingId: request.meetingId }))) {
      throw new NotFoundError('Không có tài liệu này trong cuộc họp / No such document in this meeting');
    }
    const { version } = await this.live.change(request.meetingId, ['presentation'], (manager) =>
      manager.update(LiveStateRow, { meetingId: request.meetingId }, { presenterPosition: request.position }),
    );
    return { version };
  }

  private async load(meetingId: string): Promise<PresentationState> {
    const row = await this.rows.findOneBy({ meetingId });
    const presenter = row?.presenterUserId ? await this.users.findOneBy({ id: row.presenterUserId }) : null;
    return {
      presenterUserId: presenter?.id ?? null,
      presenterName: presenter?.displayName ?? null,
      position: row?.presenterPosition ?? null,
    };
  }
}
