import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { ConferenceRemoval } from './conference-removal.entity';
import { ConferenceRoomsService } from './conference-rooms.service';

/** Work done in the same transaction as the removal's row (its audit entry). */
export type AlongWith = (manager: EntityManager) => Promise<void>;

interface MeetingRemovals {
  /** Participant ids; filled from the database by `ready`, then kept in step with every write. */
  ids: Set<string>;
  ready: Promise<Set<string>>;
}

/**
 * Participants the chair removed from a meeting's bridge: refused when they try to rejoin, until
 * readmitted or until the meeting stops being live. The database is the truth (a server restart
 * must not let a removed site back in); each meeting's rows are read once and the set follows every
 * write. The bridge's room shows that very set (ConferenceRoom.removed).
 */
@Injectable()
export class ConferenceRemovals {
  private readonly meetings = new Map<string, MeetingRemovals>();

  constructor(
    @InjectRepository(ConferenceRemoval) private readonly rows: Repository<ConferenceRemoval>,
    rooms: ConferenceRoomsService,
  ) {
    rooms.onRoomCreated((room) => {
      if (!room.test) room.removed = this.of(room.meetingId).ids;
    });
  }

  async has(meetingId: string, participantId: string): Promise<boolean> {
    return (await this.of(meetingId).ready).has(participantId);
  }

  async add(meetingId: string, participantId: string, removedById: string, along: AlongWith): Promise<void> {
    const ids = await this.of(meetingId).ready;
    const known = ids.has(participantId);
    // Refused at once: a rejoin racing the write must not slip in.
    ids.add(participantId);
    try {
      await this.rows.manager.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ConferenceRemoval)
          .values({ meetingId, participantId, removedById })
          .orIgnore()
          .execute();
        await along(manager);
      });
    } catch (error) {
      if (!known) ids.delete(participantId);
      throw error;
    }
  }

  /** Lifts a removal; null when the participant was not removed. The row comes with its participant's user. */
  async lift(
    meetingId: string,
    participantId: string,
    along: (manager: EntityManager, removal: ConferenceRemoval) => Promise<void>,
  ): Promise<ConferenceRemoval | null> {
    const ids = await this.of(meetingId).ready;
    const removal = await this.rows.manager.transaction(async (manager) => {
      const row = await manager.findOne(ConferenceRemoval, {
        where: { meetingId, participantId },
        relations: { participant: { user: true } },
      });
      if (!row) return null;
      await manager.delete(ConferenceRemoval, { id: row.id });
      await along(manager, row);
      return row;
    });
    if (removal) ids.delete(participantId);
    return removal;
  }

  /** The meeting left `live` (it never comes back): its removals go. */
  async clear(meetingId: string): Promise<void> {
    await this.rows.delete({ meetingId });
    this.meetings.delete(meetingId);
  }

  private of(meetingId: string): MeetingRemovals {
    const known = this.meetings.get(meetingId);
    if (known) return known;
    const ids = new Set<string>();
    const ready = this.rows.find({ select: { participantId: true }, where: { meetingId } }).then((rows) => {
      for (const row of rows) ids.add(row.participantId);
      return ids;
    });
    const entry = { ids, ready };
    this.meetings.set(meetingId, entry);
    // A failed read is tried again by the next caller (who, like this one, gets the error).
    ready.catch(() => {
      if (this.meetings.get(meetingId) === entry) this.meetings.delete(meetingId);
    });
    return entry;
  }
}
