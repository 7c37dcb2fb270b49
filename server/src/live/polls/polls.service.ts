import type { ClosePollRequest, LiveViewer, NamedVote, OpenPollSchema, PollsState, PollState } from '@app/shared';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type * as z from 'zod';

import { AuditService } from '../../audit/audit.service';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { AttendanceService } from '../attendance/attendance.service';
import type { LiveCaller } from '../live-calls';
import { LiveStateService } from '../live-state.service';
import { MeetingSessionService } from '../session/meeting-session.service';
import { BallotBoxService } from './ballot-box.service';
import { Ballot } from './ballot.entity';
import { PollEligible } from './poll-eligible.entity';
import { PollTally } from './poll-tally.entity';
import { Poll } from './poll.entity';
import { mapPoll, pollOptions } from './polls.mapper';

type OpenPollInput = z.output<typeof OpenPollSchema>;

const INSERT_CHUNK = 300;

/**
 * Polls of the live session: the chair or the secretary opens one at a time, on an agenda item or
 * none; its eligible voters (present voting members, and the holders of absent members' proxies)
 * are fixed at that moment. Ballots go through BallotBoxService. Closing stores the result (the
 * poll row and its tallies, with the agenda item) and publishes it. The `polls` slice shows the
 * open poll's live tally (only the number of ballots for a secret poll) and every closed poll.
 */
@Injectable()
export class PollsService implements OnModuleInit {
  /** Closed polls never change again. */
  private readonly closedStates = new Map<string, PollState>();

  constructor(
    private readonly live: LiveStateService,
    private readonly session: MeetingSessionService,
    private readonly attendance: AttendanceService,
    private readonly ballotBox: BallotBoxService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @InjectRepository(Poll) private readonly polls: Repository<Poll>,
    @InjectRepository(PollTally) private readonly tallies: Repository<PollTally>,
    @InjectRepository(Ballot) private readonly ballots: Repository<Ballot>,
  ) {}

  onModuleInit(): void {
    this.live.registerSlice('polls', (meetingId) => this.load(meetingId));
    this.live.registerViewerPart((_meetingId, viewer, slices) => this.fillViewer(viewer, slices.polls));
  }

  async open(caller: LiveCaller, request: OpenPollInput): Promise<PollState> {
    const { meetingId, agendaItemId, question, kind, maxChoices } = request;
    await this.session.requireStatus(meetingId, ['live']);
    if (agendaItemId) await this.session.requireAgendaItem(meetingId, agendaItemId);
    const options = pollOptions(request.options);
    const { result: poll } = await this.live.change(meetingId, ['polls'], async (manager) => {
      if (await manager.existsBy(Poll, { meetingId, status: 'open' })) {
        throw new ConflictError(
          'Đang có một cuộc biểu quyết chưa kết thúc / Another poll is still open: close it first',
        );
      }
      const voters = await this.attendance.eligibleVoters(meetingId);
      if (!voters.length) {
        throw new ConflictError('Chưa có thành viên biểu quyết nào có mặt / No voting member is present');
      }
      const poll = await manager.save(
        manager.create(Poll, {
          meetingId,
          agendaItemId,
          question,
          kind,
          options,
          maxChoices,
          status: 'open',
          openedAt: new Date(),
          closedAt: null,
          openedByUserId: caller.user.id,
          eligibleCount: voters.length,
        }),
      );
      for (let start = 0; start < voters.length; start += INSERT_CHUNK) {
        const chunk = voters.slice(start, start + INSERT_CHUNK);
        await manager.insert(
          PollEligible,
          chunk.map((voter) => ({ pollId: poll.id, ...voter })),
        );
      }
      await manager.insert(
        PollTally,
        options.map((option) => ({ pollId: poll.id, optionKey: option.key, count: 0 })),
      );
      await this.record(manager, caller, 'poll.opened', poll, {
        question,
        kind,
        agendaItemId,
        options: options.map((option) => option.label),
        maxChoices,
        eligible: voters.length,
      });
      return poll;
    });
    return this.stateOf(poll);
  }

  /** Ballots already received are written first, then the poll closes and its result is published. */
  async close(caller: LiveCaller, request: ClosePollRequest): Promise<PollState> {
    const { meetingId, pollId } = request;
    await this.session.requireStatus(meetingId, ['live', 'closed']);
    await this.requirePoll(meetingId, pollId);
    await this.ballotBox.settled(meetingId);
    const closing = this.live.change(meetingId, ['polls'], async (manager) => {
      const poll = await manager.findOneBy(Poll, { id: pollId, meetingId });
      if (!poll) throw new NotFoundError('Không có cuộc biểu quyết này / No such poll in this meeting');
      if (poll.status !== 'open') {
        throw new ConflictError('Cuộc biểu quyết đã kết thúc / This poll is already closed');
      }
      poll.status = 'closed';
      poll.closedAt = new Date();
      await manager.update(Poll, { id: poll.id }, { status: poll.status, closedAt: poll.closedAt });
      const result = await this.stateOf(poll);
      await this.record(manager, caller, 'poll.closed', poll, {
        eligible: result.eligible,
        ballots: result.ballots,
        counts: result.counts,
      });
      return poll;
    });
    // The result read inside the transaction was remembered as final: forget it if the close failed.
    const { result: poll } = await closing.catch((error: unknown) => {
      this.closedStates.delete(pollId);
      throw error;
    });
    this.ballotBox.forget(pollId);
    // The write-ahead log keeps each commit's pages until a checkpoint: the tally before and after
    // every batch of ballots. Fold it into the database and empty it, so that history is gone too.
    if (poll.kind === 'secret') await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    return this.stateOf(poll);
  }

  /** The meeting's closed polls with their results, in the order they were held (for the minutes). */
  async results(meetingId: string): Promise<PollState[]> {
    const polls = await this.polls.find({ where: { meetingId, status: 'closed' }, order: { openedAt: 'ASC' } });
    return this.states(polls);
  }

  private async load(meetingId: string): Promise<PollsState> {
    const polls = await this.polls.find({ where: { meetingId }, order: { openedAt: 'DESC' } });
    const states = await this.states(polls);
    return {
      active: states.find((state) => state.status === 'open') ?? null,
      closed: states.filter((state) => state.status === 'closed'),
    };
  }

  /** Which of the members the viewer votes for have a ballot in the open poll. */
  private async fillViewer(viewer: LiveViewer, polls: PollsState): Promise<void> {
    if (!polls.active) return;
    const pollId = polls.active.id;
    const rows = await this.ballots.find({
      where: [
        { pollId, castByParticipantId: viewer.participantId },
        ...(viewer.represents.length ? [{ pollId, memberParticipantId: In(viewer.represents) }] : []),
      ],
      select: { ballotId: true, memberParticipantId: true },
    });
    viewer.votedInActivePoll = [...new Set(rows.map((row) => row.memberParticipantId))].sort();
  }

  private async stateOf(poll: Poll): Promise<PollState> {
    const [state] = await this.states([poll]);
    return state;
  }

  private async states(polls: Poll[]): Promise<PollState[]> {
    const fresh = polls.filter((poll) => !this.closedStates.has(poll.id));
    const ids = fresh.map((poll) => poll.id);
    const [tallies, counts, votes] = ids.length
      ? await Promise.all([
          this.tallies.findBy({ pollId: In(ids) }),
          this.ballots
            .createQueryBuilder('ballot')
            .select('ballot.pollId', 'pollId')
            .addSelect('COUNT(*)', 'ballots')
            .where('ballot.pollId IN (:...ids)', { ids })
            .groupBy('ballot.pollId')
            .getRawMany<{ pollId: string; ballots: number }>(),
          this.namedVotes(fresh.filter((poll) => poll.kind === 'named').map((poll) => poll.id)),
        ])
      : [[], [], new Map<string, NamedVote[]>()];
    return polls.map((poll) => {
      const cached = this.closedStates.get(poll.id);
      if (cached) return cached;
      const state = mapPoll(poll, {
        ballots: Number(counts.find((row) => row.pollId === poll.id)?.ballots ?? 0),
        tallies: new Map(tallies.filter((row) => row.pollId === poll.id).map((row) => [row.optionKey, row.count])),
        votes: votes.get(poll.id) ?? [],
      });
      if (poll.status === 'closed') this.closedStates.set(poll.id, state);
      return state;
    });
  }

  /** Named polls: who voted what, and who cast it (a proxy holder), by member name. */
  private async namedVotes(pollIds: string[]): Promise<Map<string, NamedVote[]>> {
    const byPoll = new Map<string, NamedVote[]>();
    if (!pollIds.length) return byPoll;
    const rows = await this.ballots
      .createQueryBuilder('ballot')
      .innerJoin('ballot.memberParticipant', 'member')
      .innerJoin('member.user', 'memberUser')
      .innerJoin('ballot.castByParticipant', 'castBy')
      .innerJoin('castBy.user', 'castByUser')
      .select('ballot.pollId', 'pollId')
      .addSelect('ballot.memberParticipantId', 'memberParticipantId')
      .addSelect('ballot.choices', 'choices')
      .addSelect('memberUser.displayName', 'memberName')
      .addSelect('castByUser.displayName', 'castByName')
      .where('ballot.pollId IN (:...pollIds)', { pollIds })
      .getRawMany<{
        pollId: string;
        memberParticipantId: string;
        choices: string | null;
        memberName: string;
        castByName: string;
      }>();
    for (const row of rows) {
      const votes = byPoll.get(row.pollId) ?? [];
      votes.push({
        memberParticipantId: row.memberParticipantId,
        memberName: row.memberName,
        castByName: row.castByName,
        choices: row.choices ? (JSON.parse(row.choices) as string[]) : [],
      });
      byPoll.set(row.pollId, votes);
    }
    for (const votes of byPoll.values()) votes.sort((a, b) => a.memberName.localeCompare(b.memberName, 'vi'));
    return byPoll;
  }

  private async requirePoll(meetingId: string, pollId: string): Promise<Poll> {
    const poll = await this.polls.findOneBy({ id: pollId, meetingId });
    if (!poll) throw new NotFoundError('Không có cuộc biểu quyết này / No such poll in this meeting');
    return poll;
  }

  /** Organiser actions only: no ballot, let alone a secret choice, is ever written to the audit log. */
  private record(
    manager: EntityManager,
    caller: LiveCaller,
    action: 'poll.opened' | 'poll.closed',
    poll: Poll,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        action,
        actor: caller.user,
        meetingId: poll.meetingId,
        subjectId: poll.id,
        ip: caller.socket.handshake.address,
        details,
      },
      manager,
    );
  }
}
