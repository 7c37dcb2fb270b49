import type {
  AgendaItemResponse,
  CreateAgendaItemRequest,
  ReorderAgendaRequest,
  UpdateAgendaItemRequest,
} from '@app/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { NotFoundError, ValidationError } from '../../common/errors/domain-errors';
import { AgendaItem } from '../agenda-item.entity';
import { Meeting } from '../meeting.entity';
import { mapAgendaItem } from '../meeting.mapper';
import { assertPreparationOpen } from '../meeting-rules';

/** The agenda of one meeting: items numbered 1..n without gaps, changed only while the meeting is open. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(meetingId: string): Promise<AgendaItemResponse[]> {
    return (await this.items(this.dataSource.manager, meetingId)).map(mapAgendaItem);
  }

  /** Appended at the end. */
  async create(
    meetingId: string,
    input: CreateAgendaItemRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<AgendaItemResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, meetingId);
      const last = await manager.maximum(AgendaItem, 'position', { meetingId });
      const item = await manager.save(
        manager.create(AgendaItem, {
          meetingId,
          position: (last ?? 0) + 1,
          title: input.title,
          presenter: input.presenter || null,
          plannedMinutes: input.plannedMinutes ?? 15,
          description: input.description || null,
        }),
      );
      await this.audit.record(
        {
          action: 'agenda.created',
          actor,
          meetingId,
          subjectId: item.id,
          ip,
          details: { ...input, position: item.position },
        },
        manager,
      );
      return mapAgendaItem(item);
    });
  }

  async update(
    meetingId: string,
    itemId: string,
    input: UpdateAgendaItemRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<AgendaItemResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, meetingId);
      const item = await this.findItem(manager, meetingId, itemId);
      const before = mapAgendaItem(item);
      if (input.title !== undefined) item.title = input.title;
      if (input.presenter !== undefined) item.presenter = input.presenter || null;
      if (input.plannedMinutes !== undefined) item.plannedMinutes = input.plannedMinutes;
      if (input.description !== undefined) item.description = input.description || null;
      await manager.save(item);
      await this.audit.record(
        {
          action: 'agenda.updated',
          actor,
          meetingId,
          subjectId: item.id,
          ip,
          details: { before, changes: { ...input } },
        },
        manager,
      );
      return mapAgendaItem(item);
    });
  }

  /** Later items move up to close the gap. Documents of the item stay with the meeting, unattached. */
  async remove(meetingId: string, itemId: string, actor: AuthUser, ip: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, meetingId);
      const item = await this.findItem(manager, meetingId, itemId);
      await manager.delete(AgendaItem, { id: item.id });
      const rest = await this.items(manager, meetingId);
      await renumber(
        manager,
        rest.map((i) => i.id),
      );
      await this.audit.record(
        { action: 'agenda.deleted', actor, meetingId, subjectId: item.id, ip, details: { item: mapAgendaItem(item) } },
        manager,
      );
    });
  }

  /** `itemIds` must be exactly this meeting's items, each once. */
  async reorder(
    meetingId: string,
    input: ReorderAgendaRequest,
    actor: AuthUser,
    ip: string,
  ): Promise<AgendaItemResponse[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.openMeeting(manager, meetingId);
      const current = await this.items(manager, meetingId);
      const known = new Set(current.map((i) => i.id));
      if (input.itemIds.length !== current.length || !input.itemIds.every((id) => known.has(id))) {
        throw new ValidationError(
          'Danh sách phải gồm đúng các mục của chương trình, mỗi mục một lần / ' +
            'The list must hold every agenda item of the meeting exactly once',
          [{ path: 'itemIds', message: `Expected a permutation of the meeting's ${current.length} agenda items` }],
        );
      }
      await renumber(manager, input.itemIds);
      await this.audit.record(
        {
          action: 'agenda.reordered',
          actor,
          meetingId,
          ip,
          details: { from: current.map((i) => i.id), to: input.itemIds },
        },
        manager,
      );
      return (await this.items(manager, meetingId)).map(mapAgendaItem);
    });
  }

  private items(manager: EntityManager, meetingId: string): Promise<AgendaItem[]> {
    return manager.find(AgendaItem, { where: { meetingId }, order: { position: 'ASC' } });
  }

  private async openMeeting(manager: EntityManager, meetingId: string): Promise<void> {
    const meeting = await manager.findOneBy(Meeting, { id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    assertPreparationOpen(meeting.status);
  }

  private async findItem(manager: EntityManager, meetingId: string, itemId: string): Promise<AgendaItem> {
    const item = await manager.findOneBy(AgendaItem, { id: itemId, meetingId });
    if (!item) throw new NotFoundError(`Không tìm thấy mục chương trình / Agenda item ${itemId} not found`);
    return item;
  }
}

/**
 * Positions 1..n in the given order. UNIQUE (meetingId, position) is checked row by row, so items
 * first move to temporary negative positions, which no real item uses.
 */
async function renumber(manager: EntityManager, orderedIds: string[]): Promise<void> {
  for (const [i, id] of orderedIds.entries()) await manager.update(AgendaItem, { id }, { position: -(i + 1) });
  for (const [i, id] of orderedIds.entries()) await manager.update(AgendaItem, { id }, { position: i + 1 });
}
