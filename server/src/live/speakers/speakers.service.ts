import type {
  GiveFloorRequest,
  LiveMeetingRequest,
  ReorderSpeakersRequest,
  RequestFloorRequest,
  SpeakersState,
  SpeechKind,
  WithdrawFloorRequest,
} from '@app/shared';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThanOrEqual, Not, Repository } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError } from '../../common/errors/domain-errors';
import { LiveCaller, ORGANISERS } from '../live-calls';
import { LiveStateService } from '../live-state.service';
import { MeetingSessionService } from '../session/meeting-session.service';
import { isSameQueue, queueIndexFor } from './speaker-queue';
import { SpeakerRequest } from './speaker-request.entity';
import { SlotEndedBy, SpeakingSlot } from './speaking-slot.entity';

/** One recorded slot, for the minutes. */
export interface RecordedSlot {
  participantId: string;
  displayName: string;
  kind: SpeechKind;
  agendaItemId: string | null;
  startedAt: Date;
  /** Null while the slot is still open. */
  endedAt: Date | null;
}

/**
 * Speaking: requests to speak, the ordered queue, the floor with its time limit, and the record of
 * every slot. The state lives in the database; a timer per meeting only triggers the end of a slot
 * whose time is up, and is re-armed at boot from the slots still open.
 */
@Injectable()
export class SpeakersService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SpeakersService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly live: LiveStateService,
    private readonly session: MeetingSessionService,
    private readonly audit: AuditService,
    @InjectRepository(SpeakerRequest) private readonly requests: Repository<SpeakerRequest>,
    @InjectRepository(SpeakingSlot) private readonly slotRows: Repository<SpeakingSlot>,
  ) {}

  onModuleInit(): void {
    this.live.registerSlice('speakers', (meetingId) => this.load(meetingId));
  }

  /** A slot whose time ran out while the server was down ends now; the others get their timer back. */
  async onApplicationBootstrap(): Promise<void> {
    await this.endExpired(new Date());
    const open = await this.slotRows.findBy({ endedAt: IsNull(), endsAt: Not(IsNull()) });
    for (const slot of open) this.arm(slot.meetingId, slot.endsAt);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
  }

  async request(caller: LiveCaller, { meetingId, kind }: RequestFloorRequest): Promise<{ requestId: string }> {
    const { result } = await this.live.change(meetingId, ['speakers'], async (manager) => {
      await this.session.requireStatus(meetingId, ['live']);
      const participantId = caller.participant.id;
      if (await manager.existsBy(SpeakerRequest, { meetingId, participantId, status: 'waiting' })) {
        throw new ConflictError(
          'Bạn đã đăng ký phát biểu và đang chờ / You have already asked to speak and are waiting',
        );
      }
      const row = await this.live.row(manager, meetingId);
      const waiting = await this.waiting(manager, meetingId);
      const index = queueIndexFor(
        kind,
        waiting.map((request) => request.kind),
      );
      const created = await manager.save(
        manager.create(SpeakerRequest, {
          meetingId,
          participantId,
          kind,
          agendaItemId: row.currentAgendaItemId,
          position: index + 1,
          status: 'waiting',
          requestedAt: new Date(),
        }),
      );
      await this.renumber(manager, [...waiting.slice(0, index), created, ...waiting.slice(index)]);
      return { requestId: created.id };
    });
    return result;
  }

  /** One's own request; organisers may withdraw anyone's. */
  async withdraw(caller: LiveCaller, { meetingId, requestId }: WithdrawFloorRequest): Promise<void> {
    await this.live.change(meetingId, ['speakers'], async (manager) => {
      await this.session.requireStatus(meetingId, ['live']);
      const request = await this.findRequest(manager, meetingId, requestId);
      const own = request.participantId === caller.participant.id;
      if (!own && !ORGANISERS.includes(caller.participant.meetingRole)) {
        throw new ForbiddenError('Bạn chỉ rút được đăng ký của chính mình / You may only withdraw your own request');
      }
      if (request.status !== 'waiting') {
        throw new ConflictError('Đăng ký này không còn trong hàng chờ / This request is no longer waiting');
      }
      await manager.update(SpeakerRequest, { id: request.id }, { status: 'withdrawn' });
      await this.renumber(manager, await this.waiting(manager, meetingId));
      if (!own) {
        await this.audit.record(
          {
            action: 'speaker.request_withdrawn',
            actor: caller.user,
            meetingId,
            subjectId: request.id,
            ip: caller.socket.handshake.address,
            details: { participantId: request.participantId, kind: request.kind },
          },
          manager,
        );
      }
    });
  }

  /** Organisers: the waiting queue in a new order; `requestIds` must be exactly the waiting requests. */
  async reorder(caller: LiveCaller, { meetingId, requestIds }: ReorderSpeakersRequest): Promise<void> {
    await this.live.change(meetingId, ['speakers'], async (manager) => {
      await this.session.requireStatus(meetingId, ['live']);
      const waiting = await this.waiting(manager, meetingId);
      if (
        !isSameQueue(
          waiting.map((request) => request.id),
          requestIds,
        )
      ) {
        throw new ConflictError(
          'Hàng chờ đã thay đổi, hãy tải lại / The queue has changed; reload it and reorder again',
        );
      }
      const byId = new Map(waiting.map((request) => [request.id, request]));
      await this.renumber(
        manager,
        requestIds.map((id) => byId.get(id) as SpeakerRequest),
      );
      await this.audit.record(
        {
          action: 'speaker.queue_reordered',
          actor: caller.user,
          meetingId,
          ip: caller.socket.handshake.address,
          details: { requestIds },
        },
        manager,
      );
    });
  }

  /** Organisers: ends the current slot (if any) and gives the floor to a waiting request. */
  async giveFloor(caller: LiveCaller, { meetingId, requestId, limitSeconds }: GiveFloorRequest): Promise<void> {
    const { result: endsAt } = await this.live.change(meetingId, ['speakers'], async (manager) => {
      await this.session.requireStatus(meetingId, ['live']);
      const request = await this.findRequest(manager, meetingId, requestId);
      if (request.status !== 'waiting') {
        throw new ConflictError('Đăng ký này không còn trong hàng chờ / This request is no longer waiting');
      }
      const now = new Date();
      const current = await manager.findOneBy(SpeakingSlot, { meetingId, endedAt: IsNull() });
      if (current) await this.close(manager, current, now, 'next');
      const row = await this.live.row(manager, meetingId);
      const slot = await manager.save(
        manager.create(SpeakingSlot, {
          meetingId,
          participantId: request.participantId,
          requestId: request.id,
          kind: request.kind,
          agendaItemId: row.currentAgendaItemId ?? request.agendaItemId,
          startedAt: now,
          limitSeconds,
          endsAt: limitSeconds === null ? null : new Date(now.getTime() + limitSeconds * 1000),
          endedAt: null,
          endedBy: null,
        }),
      );
      await manager.update(SpeakerRequest, { id: request.id }, { status: 'speaking' });
      await this.renumber(manager, await this.waiting(manager, meetingId));
      await this.audit.record(
        {
          action: 'speaker.floor_given',
          actor: caller.user,
          meetingId,
          subjectId: slot.id,
          ip: caller.socket.handshake.address,
          details: { participantId: request.participantId, kind: request.kind, limitSeconds },
        },
        manager,
      );
      return slot.endsAt;
    });
    this.arm(meetingId, endsAt);
  }

  /**
   * Organisers, or the speaker themself, end the current slot. Also once the meeting is closed, so a
   * slot left open at closing can still be ended.
   */
  async end(caller: LiveCaller, { meetingId }: LiveMeetingRequest): Promise<void> {
    await this.live.change(meetingId, ['speakers'], async (manager) => {
      await this.session.requireStatus(meetingId, ['live', 'closed']);
      const slot = await manager.findOneBy(SpeakingSlot, { meetingId, endedAt: IsNull() });
      if (!slot) throw new ConflictError('Hiện không có ai đang phát biểu / Nobody has the floor');
      const own = slot.participantId === caller.participant.id;
      if (!own && !ORGANISERS.includes(caller.participant.meetingRole)) {
        throw new ForbiddenError(
          'Chỉ chủ tọa, thư ký hoặc người đang phát biểu được kết thúc lượt này / Only the chair, the secretary or the speaker may end this slot',
        );
      }
      await this.close(manager, slot, new Date(), own ? 'speaker' : 'chair');
      if (!own) {
        await this.audit.record(
          {
            action: 'speaker.floor_ended',
            actor: caller.user,
            meetingId,
            subjectId: slot.id,
            ip: caller.socket.handshake.address,
            details: { participantId: slot.participantId },
          },
          manager,
        );
      }
    });
    this.arm(meetingId, null);
  }

  /**
   * Ends every open slot whose time is up at `now` (of one meeting, or all), as ended by the time
   * limit at its `endsAt`. Called by the timers and at boot; public for tests.
   */
  async endExpired(now: Date, meetingId?: string): Promise<{ ended: number }> {
    const due = await this.slotRows.findBy({
      ...(meetingId ? { meetingId } : {}),
      endedAt: IsNull(),
      endsAt: LessThanOrEqual(now),
    });
    let ended = 0;
    for (const { id, meetingId: meeting } of due) {
      const { result } = await this.live.change(meeting, ['speakers'], async (manager) => {
        // Re-read inside the transaction: the chair may have ended it or given the floor meanwhile.
        const slot = await manager.findOneBy(SpeakingSlot, { id, endedAt: IsNull(), endsAt: LessThanOrEqual(now) });
        if (!slot?.endsAt) return false;
        await this.close(manager, slot, slot.endsAt, 'time');
        return true;
      });
      if (result) ended += 1;
    }
    for (const meeting of new Set(due.map((slot) => slot.meetingId))) await this.rearm(meeting);
    return { ended };
  }

  /** Every recorded slot of the meeting, in the order they started (for the minutes). */
  async slots(meetingId: string): Promise<RecordedSlot[]> {
    const slots = await this.slotRows.find({
      where: { meetingId },
      relations: { participant: { user: true } },
      order: { startedAt: 'ASC' },
    });
    return slots.map((slot) => ({
      participantId: slot.participantId,
      displayName: slot.participant.user.displayName,
      kind: slot.kind,
      agendaItemId: slot.agendaItemId,
      startedAt: slot.startedAt,
      endedAt: slot.endedAt,
    }));
  }

  private async load(meetingId: string): Promise<SpeakersState> {
    const [queue, current] = await Promise.all([
      this.requests.find({
        where: { meetingId, status: 'waiting' },
        relations: { participant: { user: true } },
        order: { position: 'ASC', requestedAt: 'ASC' },
      }),
      this.slotRows.findOne({ where: { meetingId, endedAt: IsNull() }, relations: { participant: { user: true } } }),
    ]);
    return {
      queue: queue.map((request) => ({
        id: request.id,
        participantId: request.participantId,
        displayName: request.participant.user.displayName,
        kind: request.kind,
        agendaItemId: request.agendaItemId,
        requestedAt: request.requestedAt.toISOString(),
      })),
      current: current && {
        id: current.id,
        participantId: current.participantId,
        displayName: current.participant.user.displayName,
        kind: current.kind,
        agendaItemId: current.agendaItemId,
        startedAt: current.startedAt.toISOString(),
        limitSeconds: current.limitSeconds,
        endsAt: current.endsAt?.toISOString() ?? null,
      },
    };
  }

  private async findRequest(manager: EntityManager, meetingId: string, id: string): Promise<SpeakerRequest> {
    const request = await manager.findOneBy(SpeakerRequest, { id, meetingId });
    if (!request) throw new NotFoundError('Không có đăng ký phát biểu này / No such request to speak');
    return request;
  }

  private waiting(manager: EntityManager, meetingId: string): Promise<SpeakerRequest[]> {
    return manager.find(SpeakerRequest, {
      where: { meetingId, status: 'waiting' },
      order: { position: 'ASC', requestedAt: 'ASC' },
    });
  }

  /** Positions 1..n in the given order (only the rows that moved are written). */
  private async renumber(manager: EntityManager, ordered: SpeakerRequest[]): Promise<void> {
    for (const [index, request] of ordered.entries()) {
      if (request.position !== index + 1) {
        await manager.update(SpeakerRequest, { id: request.id }, { position: index + 1 });
      }
    }
  }

  private async close(manager: EntityManager, slot: SpeakingSlot, at: Date, by: SlotEndedBy): Promise<void> {
    await manager.update(SpeakingSlot, { id: slot.id }, { endedAt: at, endedBy: by });
    if (slot.requestId) await manager.update(SpeakerRequest, { id: slot.requestId }, { status: 'done' });
  }

  /** One timer per meeting, for its open slot's end (none without a limit). */
  private arm(meetingId: string, endsAt: Date | null): void {
    clearTimeout(this.timers.get(meetingId));
    this.timers.delete(meetingId);
    if (!endsAt || this.stopped) return;
    const timer = setTimeout(() => this.onTimer(meetingId), Math.max(0, endsAt.getTime() - Date.now()));
    timer.unref();
    this.timers.set(meetingId, timer);
  }

  private async rearm(meetingId: string): Promise<void> {
    const open = await this.slotRows.findOneBy({ meetingId, endedAt: IsNull() });
    this.arm(meetingId, open?.endsAt ?? null);
  }

  /** A timer that fires a little early finds nothing due and is re-armed for the rest. */
  private onTimer(meetingId: string): void {
    this.timers.delete(meetingId);
    const job: Promise<void> = this.endExpired(new Date(), meetingId)
      .then(() => this.rearm(meetingId))
      .catch((error: unknown) => this.logger.error(`Ending a speaking slot failed: ${(error as Error).message}`))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }
}
