import type { ConclusionEntry, SetConclusionRequest } from '@app/shared';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import type { LiveCaller } from '../live-calls';
import { LiveStateService } from '../live-state.service';
import { MeetingSessionService } from '../session/meeting-session.service';
import { Conclusion } from './conclusion.entity';

/**
 * The conclusion of each agenda item, written by the chair or secretary during the meeting, and
 * still after closing (the secretary finishes them for the minutes). Empty text removes it.
 */
@Injectable()
export class ConclusionsService implements OnModuleInit {
  constructor(
    private readonly live: LiveStateService,
    private readonly session: MeetingSessionService,
    private readonly audit: AuditService,
    @InjectRepository(Conclusion) private readonly conclusions: Repository<Conclusion>,
  ) {}

  onModuleInit(): void {
    this.live.registerSlice('conclusions', (meetingId) => this.list(meetingId));
  }

  async set(caller: LiveCaller, { meetingId, agendaItemId, text }: SetConclusionRequest): Promise<void> {
    await this.live.change(meetingId, ['conclusions'], async (manager) => {
      await this.session.requireStatus(meetingId, ['live', 'closed']);
      const item = await this.session.requireAgendaItem(meetingId, agendaItemId);
      const existing = await manager.findOneBy(Conclusion, { agendaItemId });
      if (!text && !existing) return;
      if (!text && existing) await manager.delete(Conclusion, { id: existing.id });
      else if (existing) {
        await manager.update(
          Conclusion,
          { id: existing.id },
          { text, updatedAt: new Date(), updatedByUserId: caller.user.id },
        );
      } else {
        await manager.insert(Conclusion, {
          meetingId,
          agendaItemId,
          text,
          updatedAt: new Date(),
          updatedByUserId: caller.user.id,
        });
      }
      await this.audit.record(
        {
          action: text ? 'conclusion.set' : 'conclusion.deleted',
          actor: caller.user,
          meetingId,
          subjectId: agendaItemId,
          ip: caller.socket.handshake.address,
          details: { agendaItem: item.title, characters: text.length },
        },
        manager,
      );
    });
  }

  /** The meeting's conclusions in agenda order (the `conclusions` slice, and the minutes). */
  async list(meetingId: string): Promise<ConclusionEntry[]> {
    const rows = await this.conclusions.find({
      where: { meetingId },
      relations: { agendaItem: true, updatedByUser: true },
      order: { agendaItem: { position: 'ASC' } },
    });
    return rows.map((row) => ({
      agendaItemId: row.agendaItemId,
      text: row.text,
      updatedAt: row.updatedAt.toISOString(),
      updatedByName: row.updatedByUser.displayName,
    }));
  }
}
