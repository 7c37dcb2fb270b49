import { LiveClientEvents, LiveResult, LiveServerEvents, MeetingRole } from '@app/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Socket } from 'socket.io';
import { Repository } from 'typeorm';
import type { ZodType } from 'zod';
import * as z from 'zod';

import type { AuthUser } from '../auth/auth-user';
import type { SocketData } from '../auth/session-io.adapter';
import { mapError } from '../common/errors/error-body';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { Participant } from '../meetings/participant.entity';
import { LiveStateService } from './live-state.service';

export type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, SocketData>;

/** Who is calling, found from the payload's meetingId: a participant of that meeting. */
export interface LiveCaller {
  user: AuthUser;
  participant: Participant;
  socket: LiveSocket;
}

export interface LiveCallSpec<S extends ZodType<{ meetingId: string }>> {
  schema: S;
  /** Meeting roles allowed; all participants when absent. */
  roles?: readonly MeetingRole[];
}

export const meetingRoom = (meetingId: string): string => `meeting:${meetingId}`;

/**
 * The one door of every live event: validate the payload with its shared schema, check that the
 * caller takes part in that meeting (404 otherwise, as over HTTP) with an allowed role (403), run
 * the work, and answer `{ ok, data | error }`. A failure is also emitted as an `error` event.
 */
@Injectable()
export class LiveCalls {
  private readonly logger = new Logger(LiveCalls.name);

  /**
   * Participants by meeting and user, read once instead of once per event: a ballot
   * storm would otherwise queue a thousand lookups on the one sqlite connection. Every change to a
   * meeting's participants goes through the live state as an `attendance` change, which drops it.
   */
  private readonly cache = new Map<string, Map<string, Participant>>();
  /** One read of a meeting's participants at a time, shared by the lookups that wait for it. */
  private readonly loading = new Map<string, Promise<Map<string, Participant>>>();
  /** Bumped on every drop: a lookup that overlapped one does not store what it read. */
  private generation = 0;

  constructor(
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
    live: LiveStateService,
  ) {
    live.onChange((meetingId, changed) => {
      if (!changed.includes('attendance')) return;
      this.cache.delete(meetingId);
      this.loading.delete(meetingId);
      this.generation += 1;
    });
  }

  async run<S extends ZodType<{ meetingId: string }>, T>(
    socket: LiveSocket,
    body: unknown,
    spec: LiveCallSpec<S>,
    work: (payload: z.output<S>, caller: LiveCaller) => Promise<T>,
  ): Promise<LiveResult<T>> {
    try {
      const payload = spec.schema.parse(body);
      const participant = await this.participant(socket.data.user, payload.meetingId, spec.roles);
      return { ok: true, data: await work(payload, { user: socket.data.user, participant, socket }) };
    } catch (error: unknown) {
      const mapped = mapError(error);
      if (mapped.unexpected) this.logger.error(`Live event failed: ${String((error as Error)?.stack ?? error)}`);
      socket.emit('error', mapped.body);
      return { ok: false, error: mapped.body };
    }
  }

  async participant(user: AuthUser, meetingId: string, roles?: readonly MeetingRole[]): Promise<Participant> {
    const participant = await this.lookup(meetingId, user.id);
    if (!participant) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    if (roles?.length && !roles.includes(participant.meetingRole)) {
      throw new ForbiddenError(
        'Vai trò của bạn trong cuộc họp không cho phép việc này / Your meeting role may not do this',
      );
    }
    return participant;
  }

  /**
   * The whole meeting's participants are read at the first miss (one query, not one per delegate of
   * a joining crowd, whose thousand queued lookups would swell the heap); anyone else is not one.
   */
  private async lookup(meetingId: string, userId: string): Promise<Participant | null> {
    const known = this.cache.get(meetingId);
    if (known) return known.get(userId) ?? null;
    let loading = this.loading.get(meetingId);
    if (!loading) {
      const generation = this.generation;
      loading = this.participants.findBy({ meetingId }).then((rows) => {
        const users = new Map(rows.map((row) => [row.userId, row]));
        // A meeting nobody takes part in (or a made-up id) is not kept.
        if (generation === this.generation && rows.length) this.cache.set(meetingId, users);
        return users;
      });
      this.loading.set(meetingId, loading);
      const settled = loading;
      void settled
        .finally(() => this.loading.get(meetingId) === settled && this.loading.delete(meetingId))
        .catch(() => undefined);
    }
    return (await loading).get(userId) ?? null;
  }
}

/** Chair and secretary run the session. */
export const ORGANISERS: readonly MeetingRole[] = ['chair', 'secretary'];
