import type { BallotReceipt, CastBallotRequest } from '@app/shared';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';

import { withDurableCommit } from '../../database/durable-commit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../common/errors/domain-errors';
import { Meeting } from '../../meetings/meeting.entity';
import type { LiveCaller } from '../live-calls';
import { LiveStateService } from '../live-state.service';
import { Ballot } from './ballot.entity';
import { GroupCommit, ItemOutcome } from './group-commit';
import { PollEligible } from './poll-eligible.entity';
import { Poll } from './poll.entity';

interface CastItem {
  request: CastBallotRequest;
  /** The caller's participant id: who casts. */
  castBy: string;
}

/** What does not change while a poll is open: read once per poll, not once per batch. */
interface PollRules {
  optionKeys: ReadonlySet<string>;
  maxChoices: number;
  /** Member → the participant who casts their vote. */
  castByOf: ReadonlyMap<string, string>;
}

/** The part of a ballot row that tells a retry from a second ballot. */
type StoredBallot = Pick<Ballot, 'ballotId' | 'pollId' | 'memberParticipantId' | 'castByParticipantId'>;

/** Thrown to roll back a batch that wrote nothing (all retries or refusals): no version bump. */
const NOTHING_WRITTEN = Symbol('nothing written');
/** The live tally goes out at most this often while ballots pour in. */
const TALLY_EVERY_MS = 200;

const INSERT_BALLOTS =
  'INSERT INTO "ballots" ("ballotId", "pollId", "memberParticipantId", "castByParticipantId", "choices", "castAt") VALUES';
/** Rows per INSERT: 6 parameters each, under sqlite's 999. */
const INSERT_ROWS = 150;
const ADD_TO_TALLY = 'UPDATE "poll_tallies" SET "count" = "count" + ? WHERE "pollId" = ? AND "optionKey" = ?';

/** sqlite's datetime text, as TypeORM writes it. */
const sqliteNow = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '');

/**
 * Ballots: validated, written and counted in one transaction per batch (group commit), and
 * acknowledged only once that transaction is committed: with WAL and synchronous=FULL, on disk.
 * A retry (same ballotId) is answered with the stored ballot's receipt, `duplicate: true`, never
 * counted again; the database refuses a second ballot for the same member whatever happens here.
 */
@Injectable()
export class BallotBoxService implements OnModuleDestroy {
  /** Transactions that stored ballots, and the ballots they stored (fewer transactions: grouped). */
  readonly stats = { flushes: 0, stored: 0 };
  private readonly queues = new Map<string, GroupCommit<CastItem, BallotReceipt>>();
  private readonly rules = new Map<string, PollRules>();
  private readonly tallies = new Map<string, { lastAt: number; timer: NodeJS.Timeout | null }>();
  private readonly logger = new Logger(BallotBoxService.name);

  constructor(
    private readonly live: LiveStateService,
    private readonly dataSource: DataSource,
  ) {}

  cast(caller: LiveCaller, request: CastBallotRequest): Promise<BallotReceipt> {
    return this.queue(request.meetingId).submit({ request, castBy: caller.participant.id });
  }

  /** Resolves once every ballot received so far for this meeting is written and answered. */
  settled(meetingId: string): Promise<void> {
    return this.queues.get(meetingId)?.settled() ?? Promise.resolve();
  }

  /**
   * Sends the `polls` slice (a new version) at once if the last went out TALLY_EVERY_MS ago, else
   * then: during a storm, sending it after every batch to every socket costs more than the ballots.
   */
  private publishTally(meetingId: string): void {
    const tally = this.tallies.get(meetingId) ?? { lastAt: 0, timer: null };
    this.tallies.set(meetingId, tally);
    if (tally.timer) return;
    tally.timer = setTimeout(
      () => {
        tally.timer = null;
        tally.lastAt = Date.now();
        this.live.publish(meetingId, ['polls']).catch((error: unknown) => {
          this.logger.warn(`Tally of meeting ${meetingId} not sent: ${String(error)}`);
        });
      },
      Math.max(0, tally.lastAt + TALLY_EVERY_MS - Date.now()),
    );
    tally.timer.unref();
  }

  onModuleDestroy(): void {
    for (const tally of this.tallies.values()) if (tally.timer) clearTimeout(tally.timer);
  }

  /** A closed poll's rules are no longer needed. */
  forget(pollId: string): void {
    this.rules.delete(pollId);
  }

  private queue(meetingId: string): GroupCommit<CastItem, BallotReceipt> {
    let queue = this.queues.get(meetingId);
    if (!queue) {
      const created = new GroupCommit<CastItem, BallotReceipt>(async (items) => {
        try {
          return await this.flush(meetingId, items);
        } finally {
          // Still running here: look again once this batch is answered, and drop the queue if idle.
          setImmediate(() => {
            if (created.idle && this.queues.get(meetingId) === created) this.queues.delete(meetingId);
          });
        }
      });
      queue = created;
      this.queues.set(meetingId, queue);
    }
    return queue;
  }

  private async flush(meetingId: string, items: CastItem[]): Promise<ItemOutcome<BallotReceipt>[]> {
    let outcomes: ItemOutcome<BallotReceipt>[] = [];
    let stored = 0;
    try {
      // No slice named: the tally goes out on its own clock (publishTally), not once per batch.
      await withDurableCommit(this.dataSource, () =>
        this.live.change(meetingId, [], async (manager) => {
          ({ outcomes, stored } = await this.write(manager, meetingId, items));
          if (stored === 0) throw NOTHING_WRITTEN;
        }),
      );
      this.stats.flushes += 1;
      this.stats.stored += stored;
      this.publishTally(meetingId);
    } catch (error: unknown) {
      if (error !== NOTHING_WRITTEN) throw error;
    }
    return outcomes;
  }

  /** Runs inside the batch's transaction: every check sees what the previous batches committed. */
  private async write(
    manager: EntityManager,
    meetingId: string,
    items: CastItem[],
  ): Promise<{ outcomes: ItemOutcome<BallotReceipt>[]; stored: number }> {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('Ballots are written inside a transaction');
    const meeting = await manager.findOne(Meeting, { where: { id: meetingId }, select: { id: true, status: true } });
    const pollIds = [...new Set(items.map((item) => item.request.pollId))];
    const polls = new Map((await manager.findBy(Poll, { id: In(pollIds), meetingId })).map((poll) => [poll.id, poll]));
    const stored = new Map((await this.storedByBallotId(manager, items)).map((ballot) => [ballot.ballotId, ballot]));
    const voted = new Set((await this.votedMembers(manager, items)).map((b) => `${b.pollId}/${b.memberParticipantId}`));

    // 1. Validate each ballot on its own: a bad one is refused, the others go on.
    const outcomes: ItemOutcome<BallotReceipt>[] = [];
    const accepted = new Map<string, number>(); // ballotId → index of the item that inserts it
    const repeats: { index: number; of: number }[] = []; // the same ballotId twice in this batch
    for (const [index, item] of items.entries()) {
      const { request, castBy } = item;
      try {
        const earlier = stored.get(request.ballotId);
        if (earlier) {
          outcomes[index] = { ok: true, value: this.retry(earlier, request, castBy) };
          continue;
        }
        const first = accepted.get(request.ballotId);
        if (first !== undefined) {
          this.retry({ ...items[first].request, castByParticipantId: items[first].castBy }, request, castBy);
          repeats.push({ index, of: first });
          continue;
        }
        const poll = polls.get(request.pollId);
        if (!poll) throw new NotFoundError('Không có cuộc biểu quyết này / No such poll in this meeting');
        this.check(item, poll, await this.rulesOf(manager, poll), meeting?.status === 'live');
        const member = `${poll.id}/${request.memberParticipantId}`;
        if (voted.has(member)) {
          throw new ConflictError('Thành viên này đã biểu quyết / This member has already voted in this poll');
        }
        voted.add(member);
        accepted.set(request.ballotId, index);
      } catch (error: unknown) {
        outcomes[index] = { ok: false, error };
      }
    }

    // 2. Insert, many rows a statement; the unique constraints have the last word: a row that did
    //    not go in is a second ballot for its member.
    const increments = new Map<string, { pollId: string; optionKey: string; by: number }>();
    const indexes = [...accepted.values()];
    const inserted = new Set<string>();
    for (let start = 0; start < indexes.length; start += INSERT_ROWS) {
      const rows = indexes.slice(start, start + INSERT_ROWS).map((index) => {
        const { request, castBy } = items[index];
        const secret = polls.get(request.pollId)?.kind === 'secret';
        const choices = secret ? null : JSON.stringify(request.choices);
        return [
          request.ballotId,
          request.pollId,
          request.memberParticipantId,
          castBy,
          choices,
          secret ? null : sqliteNow(),
        ];
      });
      const ids = rows.map(([ballotId]) => ballotId as string);
      const { affected } = (await runner.query(
        `${INSERT_BALLOTS} ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
        rows.flat(),
        true,
      )) as { affected?: number };
      if (affected === rows.length) {
        for (const id of ids) inserted.add(id);
        continue;
      }
      // Some row met a unique constraint: none of these ballotIds was stored before this batch
      // (checked above, in this transaction), so the ones there now are the ones that went in.
      const present = (await runner.query(
        `SELECT "ballotId" FROM "ballots" WHERE "ballotId" IN (${ids.map(() => '?').join(', ')})`,
        ids,
      )) as { ballotId: string }[];
      for (const { ballotId } of present) inserted.add(ballotId);
    }
    let count = 0;
    for (const index of indexes) {
      const { request } = items[index];
      if (!inserted.has(request.ballotId)) {
        outcomes[index] = {
          ok: false,
          error: new ConflictError('Thành viên này đã biểu quyết / This member has already voted in this poll'),
        };
        continue;
      }
      count += 1;
      for (const optionKey of request.choices) {
        const key = `${request.pollId}/${optionKey}`;
        const increment = increments.get(key) ?? { pollId: request.pollId, optionKey, by: 0 };
        increment.by += 1;
        increments.set(key, increment);
      }
      outcomes[index] = { ok: true, value: this.receipt(request, false) };
    }
    for (const { index, of } of repeats) {
      const first = outcomes[of];
      outcomes[index] = first.ok ? { ok: true, value: { ...first.value, duplicate: true } } : first;
    }

    // 3. One update per option and batch: the counts move by the batch, not ballot by ballot.
    for (const { pollId, optionKey, by } of increments.values()) {
      const { affected } = (await runner.query(ADD_TO_TALLY, [by, pollId, optionKey], true)) as { affected?: number };
      if (affected !== 1) throw new Error(`No tally row for option "${optionKey}" of poll ${pollId}`);
    }
    return { outcomes, stored: count };
  }

  /** Same ballotId again: the same ballot (a retry) gets its receipt; anything else is refused. */
  private retry(stored: StoredBallot, request: CastBallotRequest, castBy: string): BallotReceipt {
    if (stored.pollId !== request.pollId || stored.memberParticipantId !== request.memberParticipantId) {
      throw new ConflictError('Mã phiếu này đã được dùng cho phiếu khác / This ballotId belongs to another ballot');
    }
    if (stored.castByParticipantId !== castBy) {
      throw new ForbiddenError('Phiếu này không phải do bạn bỏ / This ballot was not cast by you');
    }
    return this.receipt(request, true);
  }

  private check(item: CastItem, poll: Poll, rules: PollRules, meetingLive: boolean): void {
    const { request, castBy } = item;
    if (rules.castByOf.get(request.memberParticipantId) !== castBy) {
      throw new ForbiddenError(
        'Bạn không có quyền bỏ phiếu cho thành viên này trong cuộc biểu quyết này / You may not vote for this member in this poll',
      );
    }
    if (poll.status !== 'open') throw new ConflictError('Cuộc biểu quyết đã kết thúc / This poll is closed');
    if (!meetingLive) throw new ConflictError('Cuộc họp không đang diễn ra / The meeting is not live');
    const unknown = request.choices.filter((choice) => !rules.optionKeys.has(choice));
    if (unknown.length) {
      throw new ValidationError(`Lựa chọn không hợp lệ / Not an option of this poll: ${unknown.join(', ')}`, [
        { path: 'choices', message: `Unknown option key(s): ${unknown.join(', ')}` },
      ]);
    }
    if (request.choices.length > rules.maxChoices) {
      throw new ValidationError(
        `Chỉ được chọn tối đa ${rules.maxChoices} phương án / At most ${rules.maxChoices} choice(s) allowed`,
        [{ path: 'choices', message: `At most ${rules.maxChoices}` }],
      );
    }
  }

  private async rulesOf(manager: EntityManager, poll: Poll): Promise<PollRules> {
    const cached = this.rules.get(poll.id);
    if (cached) return cached;
    const eligible = await manager.find(PollEligible, {
      where: { pollId: poll.id },
      select: { memberParticipantId: true, castByParticipantId: true },
    });
    const rules: PollRules = {
      optionKeys: new Set(poll.options.map((option) => option.key)),
      maxChoices: poll.maxChoices,
      castByOf: new Map(eligible.map((row) => [row.memberParticipantId, row.castByParticipantId])),
    };
    if (poll.status === 'open') this.rules.set(poll.id, rules);
    return rules;
  }

  private storedByBallotId(manager: EntityManager, items: CastItem[]): Promise<StoredBallot[]> {
    return manager.find(Ballot, {
      where: { ballotId: In([...new Set(items.map((item) => item.request.ballotId))]) },
      select: { ballotId: true, pollId: true, memberParticipantId: true, castByParticipantId: true },
    });
  }

  private votedMembers(manager: EntityManager, items: CastItem[]): Promise<StoredBallot[]> {
    const membersByPoll = new Map<string, Set<string>>();
    for (const { request } of items) {
      const members = membersByPoll.get(request.pollId) ?? new Set<string>();
      members.add(request.memberParticipantId);
      membersByPoll.set(request.pollId, members);
    }
    return manager.find(Ballot, {
      where: [...membersByPoll].map(([pollId, members]) => ({ pollId, memberParticipantId: In([...members]) })),
      select: { ballotId: true, pollId: true, memberParticipantId: true, castByParticipantId: true },
    });
  }

  private receipt(request: CastBallotRequest, duplicate: boolean): BallotReceipt {
    return {
      ballotId: request.ballotId,
      pollId: request.pollId,
      memberParticipantId: request.memberParticipantId,
      duplicate,
    };
  }
}
