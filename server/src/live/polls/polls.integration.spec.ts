import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  BallotReceipt,
  CastBallotRequest,
  LiveResult,
  LiveSnapshot,
  OpenPollRequest,
  PollsState,
  PollState,
} from '@app/shared';
import { Database, OPEN_READONLY } from 'sqlite3';
import { DataSource } from 'typeorm';

import { AuditLogEntry } from '../../audit/audit-log-entry.entity';
import { moveTo } from '../../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../../testing/test-app';
import { connectLive, createLiveMeeting, LiveMeeting, LiveTestClient } from '../testing/live-fixtures';
import { BallotBoxService } from './ballot-box.service';
import { connectWithCookie, seedVoters } from './testing/poll-voters';

const OK = { ok: true, data: null };

const dataOf = <T>(result: LiveResult<T> | { ok: boolean; data?: unknown }): T => {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: T }).data;
};

type Row = Record<string, unknown>;

describe('live polls: open, named and secret polls, proxies, retries, group commit', () => {
  let t: TestApp;
  let dir: string;
  let dataSource: DataSource;
  const clients: LiveTestClient[] = [];

  /** Connects and joins the meeting's room. */
  const enter = async (username: string, meetingId: string) => {
    const client = await connectLive(t, username);
    clients.push(client);
    dataOf<LiveSnapshot>(await client.call('live:join', { meetingId }));
    return client;
  };

  interface VotingMeeting extends LiveMeeting {
    itemId: string;
    chair: LiveTestClient;
    secretaryClient: LiveTestClient;
    /** daibieu: present, and holds daibieu2's proxy. */
    delegate: LiveTestClient;
    /** daibieu2: not present, gave their vote to daibieu. */
    absent: LiveTestClient;
    /** xa.anbinh: a commune site, watching (not a voting member). */
    site: LiveTestClient;
    open(request?: Partial<OpenPollRequest>): Promise<PollState>;
    ballot(pollId: string, member: string, choices: string[], ballotId?: string): CastBallotRequest;
  }

  /**
   * A live meeting with one agenda item: the chair and daibieu present, daibieu2 not present with
   * their proxy given to daibieu. Eligible: chutoa, daibieu, and daibieu2 (cast by daibieu).
   */
  const votingMeeting = async (): Promise<VotingMeeting> => {
    const meeting = await createLiveMeeting(t, { status: 'scheduled' });
    const { meetingId } = meeting;
    const item = await meeting.secretary
      .post(`/api/meetings/${meetingId}/agenda`)
      .send({ title: 'Nghị quyết về kế hoạch đầu tư công' })
      .expect(201);
    await moveTo(meeting.secretary, meetingId, 'live');
    const [chair, secretaryClient, delegate, absent, site] = await Promise.all(
      ['chutoa', 'thuky', 'daibieu', 'daibieu2', 'xa.anbinh'].map((username) => enter(username, meetingId)),
    );
    expect(await chair.call('attendance:check-in', { meetingId, status: 'in_person' })).toEqual(OK);
    expect(await delegate.call('attendance:check-in', { meetingId, status: 'online' })).toEqual(OK);
    expect(
      await absent.call('attendance:proxy', { meetingId, holderParticipantId: meeting.participantIds['daibieu'] }),
    ).toEqual(OK);
    const itemId = (item.body as { id: string }).id;
    return {
      ...meeting,
      itemId,
      chair,
      secretaryClient,
      delegate,
      absent,
      site,
      open: async (request = {}) =>
        dataOf<PollState>(
          await chair.call('poll:open', {
            meetingId,
            agendaItemId: itemId,
            question: 'Thông qua kế hoạch đầu tư công năm 2026?',
            kind: 'open',
            ...request,
          }),
        ),
      ballot: (pollId, member, choices, ballotId = randomUUID()) => ({
        meetingId,
        pollId,
        ballotId,
        memberParticipantId: meeting.participantIds[member],
        choices,
      }),
    };
  };

  const ballotRows = (pollId: string): Promise<Row[]> =>
    dataSource.query(`SELECT * FROM "ballots" WHERE "pollId" = ? ORDER BY rowid`, [pollId]);

  beforeAll(async () => {
    // A database file (not :memory:): WAL and synchronous=FULL as in production.
    dir = await mkdtemp(join(tmpdir(), 'e-cabinet-polls-'));
    t = await createTestApp({ listen: true, env: { DATABASE_FILE: join(dir, 'polls.sqlite') } });
    dataSource = t.app.get(DataSource);
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs sqlite in WAL mode, NORMAL for everything but ballots, which commit with synchronous=FULL', async () => {
    await expect(dataSource.query('PRAGMA journal_mode')).resolves.toEqual([{ journal_mode: 'wal' }]);
    await expect(dataSource.query('PRAGMA synchronous')).resolves.toEqual([{ synchronous: 1 }]);

    const m = await votingMeeting();
    const poll = await m.open({ kind: 'open' });
    // sqlite's one query runner, where every statement goes (see serialized-access.ts).
    const query = jest.spyOn(dataSource.driver.createQueryRunner('master'), 'query');
    let statements: string[] = [];
    try {
      await expect(m.delegate.call('ballot:cast', m.ballot(poll.id, 'daibieu', ['yes']))).resolves.toMatchObject({
        ok: true,
      });
      statements = query.mock.calls.map(([sql]) => String(sql));
    } finally {
      query.mockRestore();
    }
    const levels = statements
      .filter((sql) => /^(PRAGMA synchronous =|INSERT INTO "ballots"|COMMIT)/.test(sql))
      .map((sql) => sql.split(' (')[0]);
    expect(levels).toEqual([
      'PRAGMA synchronous = FULL',
      'INSERT INTO "ballots"',
      'COMMIT',
      'PRAGMA synchronous = NORMAL',
    ]);
    await expect(dataSource.query('PRAGMA synchronous')).resolves.toEqual([{ synchronous: 1 }]);
    await m.chair.call('poll:close', { meetingId: m.meetingId, pollId: poll.id });
  });

  it('opens a poll for the present voting members and their proxies, shown live to everyone', async () => {
    const m = await votingMeeting();
    const seen = [m.delegate, m.site].map((client) => client.nextUpdate('polls', (polls) => !!polls.active));

    const poll = await m.open();

    expect(poll).toEqual({
      id: expect.any(String),
      agendaItemId: m.itemId,
      question: 'Thông qua kế hoạch đầu tư công năm 2026?',
      kind: 'open',
      options: [
        { key: 'yes', label: 'Tán thành' },
        { key: 'no', label: 'Không tán thành' },
        { key: 'abstain', label: 'Không biểu quyết' },
      ],
      maxChoices: 1,
      status: 'open',
      openedAt: expect.any(String),
      closedAt: null,
      eligible: 3,
      ballots: 0,
      counts: { yes: 0, no: 0, abstain: 0 },
      votes: null,
    });
    for (const update of await Promise.all(seen)) expect(update.value).toEqual({ active: poll, closed: [] });
    const eligible: Row[] = await dataSource.query(
      `SELECT "memberParticipantId", "castByParticipantId" FROM "poll_eligible" WHERE "pollId" = ?`,
      [poll.id],
    );
    const ids = m.participantIds;
    expect(eligible).toHaveLength(3);
    expect(eligible).toEqual(
      expect.arrayContaining([
        { memberParticipantId: ids['chutoa'], castByParticipantId: ids['chutoa'] },
        { memberParticipantId: ids['daibieu'], castByParticipantId: ids['daibieu'] },
        { memberParticipantId: ids['daibieu2'], castByParticipantId: ids['daibieu'] },
      ]),
    );
    const audit = await dataSource
      .getRepository(AuditLogEntry)
      .findBy({ meetingId: m.meetingId, action: 'poll.opened' });
    expect(audit).toEqual([expect.objectContaining({ subjectId: poll.id, actorName: 'chutoa' })]);

    // One open poll at a time.
    await expect(
      m.chair.call('poll:open', { meetingId: m.meetingId, agendaItemId: null, question: 'Hai?', kind: 'open' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses delegates (403), outsiders (404), foreign agenda items and meetings that are not live', async () => {
    const m = await votingMeeting();
    const request = { meetingId: m.meetingId, agendaItemId: null, question: 'Thông qua?', kind: 'open' as const };
    await expect(m.delegate.call('poll:open', request)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const outsider = await connectLive(t, 'khach');
    clients.push(outsider);
    await expect(outsider.call('poll:open', request)).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const other = await createLiveMeeting(t, { status: 'scheduled' });
    const foreign = await other.secretary
      .post(`/api/meetings/${other.meetingId}/agenda`)
      .send({ title: 'Mục của cuộc họp khác' })
      .expect(201);
    await expect(
      m.chair.call('poll:open', { ...request, agendaItemId: (foreign.body as { id: string }).id }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const chairOfOther = await enter('chutoa', other.meetingId);
    await expect(chairOfOther.call('poll:open', { ...request, meetingId: other.meetingId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await expect(m.chair.callRaw('poll:open', { ...request, options: ['Có', 'có'] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    const poll = await m.open();
    await expect(m.delegate.call('poll:close', { meetingId: m.meetingId, pollId: poll.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(outsider.call('ballot:cast', m.ballot(poll.id, 'daibieu', ['yes']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(outsider.errors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
  });

  it('counts ballots live for everyone, lets a proxy vote for the absent member, and answers retries', async () => {
    const m = await votingMeeting();
    const poll = await m.open();
    const watched = [m.chair, m.site].map((client) =>
      client.nextUpdate('polls', (polls) => polls.active?.ballots === 1),
    );

    const own = m.ballot(poll.id, 'daibieu', ['yes']);
    expect(await m.delegate.call('ballot:cast', own)).toEqual({
      ok: true,
      data: { ballotId: own.ballotId, pollId: poll.id, memberParticipantId: own.memberParticipantId, duplicate: false },
    });
    for (const update of await Promise.all(watched)) {
      expect(update.value.active).toMatchObject({ ballots: 1, counts: { yes: 1, no: 0, abstain: 0 }, votes: null });
    }

    // The proxy holder casts for the absent member; nobody else may.
    await expect(m.chair.call('ballot:cast', m.ballot(poll.id, 'daibieu2', ['no']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(m.absent.call('ballot:cast', m.ballot(poll.id, 'daibieu2', ['no']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(m.secretaryClient.call('ballot:cast', m.ballot(poll.id, 'thuky', ['no']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const proxy = m.ballot(poll.id, 'daibieu2', ['no']);
    await expect(m.delegate.call('ballot:cast', proxy)).resolves.toMatchObject({
      ok: true,
      data: { duplicate: false },
    });

    // A retry: the same receipt, marked duplicate, stored and counted once.
    await expect(m.delegate.call('ballot:cast', own)).resolves.toEqual({
      ok: true,
      data: { ballotId: own.ballotId, pollId: poll.id, memberParticipantId: own.memberParticipantId, duplicate: true },
    });
    // A second ballot for a member who voted: refused.
    await expect(m.delegate.call('ballot:cast', m.ballot(poll.id, 'daibieu', ['no']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    // The same ballotId for another member: refused.
    await expect(
      m.chair.call('ballot:cast', { ...m.ballot(poll.id, 'chutoa', ['yes']), ballotId: own.ballotId }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Choices that are not options, or too many.
    await expect(m.chair.call('ballot:cast', m.ballot(poll.id, 'chutoa', ['maybe']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'choices' })] },
    });
    await expect(m.chair.call('ballot:cast', m.ballot(poll.id, 'chutoa', ['yes', 'no']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    await expect(
      m.chair.callRaw('ballot:cast', { ...m.ballot(poll.id, 'chutoa', ['yes']), ballotId: 'not-a-uuid' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(m.chair.call('ballot:cast', m.ballot(randomUUID(), 'chutoa', ['yes']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(m.chair.socket.connected).toBe(true);

    const rows = await ballotRows(poll.id);
    expect(rows.map((row) => [row['ballotId'], row['memberParticipantId'], row['castByParticipantId']])).toEqual([
      [own.ballotId, m.participantIds['daibieu'], m.participantIds['daibieu']],
      [proxy.ballotId, m.participantIds['daibieu2'], m.participantIds['daibieu']],
    ]);
    const snapshot = dataOf<LiveSnapshot>(await m.delegate.call('live:sync', { meetingId: m.meetingId }));
    expect(snapshot.polls.active).toMatchObject({ ballots: 2, counts: { yes: 1, no: 1, abstain: 0 } });
    expect(snapshot.viewer.votedInActivePoll).toEqual(
      [m.participantIds['daibieu'], m.participantIds['daibieu2']].sort(),
    );
    const chairView = dataOf<LiveSnapshot>(await m.chair.call('live:sync', { meetingId: m.meetingId }));
    expect(chairView.viewer.votedInActivePoll).toEqual([]);
    const secretaryView = dataOf<LiveSnapshot>(await m.secretaryClient.call('live:sync', { meetingId: m.meetingId }));
    expect(secretaryView.viewer).toMatchObject({ represents: [], votedInActivePoll: [] });

    // The chair closes: the result is published and stored with the agenda item.
    const published = m.site.nextUpdate('polls', (polls) => polls.active === null && polls.closed.length === 1);
    const closed = dataOf<PollState>(await m.chair.call('poll:close', { meetingId: m.meetingId, pollId: poll.id }));
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: expect.any(String),
      agendaItemId: m.itemId,
      eligible: 3,
      ballots: 2,
      counts: { yes: 1, no: 1, abstain: 0 },
    });
    expect((await published).value).toEqual({ active: null, closed: [closed] });
    await expect(m.chair.call('poll:close', { meetingId: m.meetingId, pollId: poll.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    // After closing: a retry still gets its receipt, a new ballot is refused.
    await expect(m.delegate.call('ballot:cast', proxy)).resolves.toMatchObject({ ok: true, data: { duplicate: true } });
    await expect(m.chair.call('ballot:cast', m.ballot(poll.id, 'chutoa', ['yes']))).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await ballotRows(poll.id)).toHaveLength(2);
  });

  it('shows who voted what in a named poll, with custom options and several choices', async () => {
    const m = await votingMeeting();
    const poll = await m.open({ kind: 'named', options: ['Phương án A', 'Phương án B', 'Phương án C'], maxChoices: 2 });
    expect(poll.options).toEqual([
      { key: 'opt1', label: 'Phương án A' },
      { key: 'opt2', label: 'Phương án B' },
      { key: 'opt3', label: 'Phương án C' },
    ]);
    expect(poll).toMatchObject({ counts: { opt1: 0, opt2: 0, opt3: 0 }, votes: [] });

    await expect(
      m.chair.call('ballot:cast', m.ballot(poll.id, 'chutoa', ['opt1', 'opt2', 'opt3'])),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(m.chair.call('ballot:cast', m.ballot(poll.id, 'chutoa', ['opt1', 'opt3']))).resolves.toMatchObject({
      ok: true,
    });
    const seen = m.site.nextUpdate('polls', (polls) => polls.active?.ballots === 2);
    await expect(m.delegate.call('ballot:cast', m.ballot(poll.id, 'daibieu2', ['opt2']))).resolves.toMatchObject({
      ok: true,
    });
    const active = (await seen).value.active;
    expect(active?.counts).toEqual({ opt1: 1, opt2: 1, opt3: 1 });
    expect(active?.votes).toEqual(
      expect.arrayContaining([
        {
          memberParticipantId: m.participantIds['chutoa'],
          memberName: 'Trần Văn Đức',
          castByName: 'Trần Văn Đức',
          choices: ['opt1', 'opt3'],
        },
        {
          memberParticipantId: m.participantIds['daibieu2'],
          memberName: 'Phạm Thị Mai',
          castByName: 'Lê Hoàng Phương',
          choices: ['opt2'],
        },
      ]),
    );
  });

  it('keeps a secret poll secret: live ballot count only, counts at close, no stored row links a voter to a choice', async () => {
    const m = await votingMeeting();
    const poll = await m.open({ kind: 'secret' });
    expect(poll).toMatchObject({ kind: 'secret', counts: null, ballots: 0 });

    const cast = [
      { client: m.delegate, ballot: m.ballot(poll.id, 'daibieu', ['yes']) },
      { client: m.delegate, ballot: m.ballot(poll.id, 'daibieu2', ['no']) },
      { client: m.chair, ballot: m.ballot(poll.id, 'chutoa', ['yes']) },
    ];
    const updates: PollsState[] = [];
    for (const { client, ballot } of cast) {
      const seen = m.site.nextUpdate('polls');
      await expect(client.call('ballot:cast', ballot)).resolves.toMatchObject({ ok: true });
      updates.push((await seen).value);
    }
    expect(updates.map((polls) => [polls.active?.ballots, polls.active?.counts, polls.active?.votes])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
    ]);
    const closed = dataOf<PollState>(await m.chair.call('poll:close', { meetingId: m.meetingId, pollId: poll.id }));
    expect(closed).toMatchObject({ ballots: 3, counts: { yes: 2, no: 1, abstain: 0 }, votes: null });
    // Nor does the write-ahead log keep the tally as it was after each ballot: emptied at closing.
    expect((await stat(join(dir, 'polls.sqlite-wal'))).size).toBe(0);

    // The proof, from the stored rows. Ballots: who voted, and nothing else (no choice, no time).
    const ballotIds = cast.map(({ ballot }) => ballot.ballotId);
    const voters = cast.map(({ ballot }) => ballot.memberParticipantId);
    const ballots = await ballotRows(poll.id);
    expect(ballots).toHaveLength(3);
    for (const row of ballots) {
      expect(Object.keys(row).sort()).toEqual(
        ['ballotId', 'castAt', 'castByParticipantId', 'choices', 'memberParticipantId', 'pollId'].sort(),
      );
      expect(row['choices']).toBeNull();
      expect(row['castAt']).toBeNull();
    }
    // The choices exist only as one count per option, rows made at opening: nothing per ballot to
    // line up with the ballots' row order.
    const tallies: Row[] = await dataSource.query(
      `SELECT rowid AS "rowid", * FROM "poll_tallies" WHERE "pollId" = ? ORDER BY rowid`,
      [poll.id],
    );
    expect(tallies.map(({ rowid: _rowid, ...row }) => row)).toEqual([
      { pollId: poll.id, optionKey: 'yes', count: 2 },
      { pollId: poll.id, optionKey: 'no', count: 1 },
      { pollId: poll.id, optionKey: 'abstain', count: 0 },
    ]);
    const eligible: Row[] = await dataSource.query(`SELECT * FROM "poll_eligible" WHERE "pollId" = ?`, [poll.id]);
    for (const row of eligible) {
      expect(Object.keys(row).sort()).toEqual(['castByParticipantId', 'memberParticipantId', 'pollId']);
    }

    // Every row of every table: a ballotId appears only in `ballots`; a row that names this poll
    // or one of its ballots never names a choice next to a voter.
    const tables: { name: string }[] = await dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    const choiceWords = [...poll.options.flatMap((option) => [option.key, option.label])];
    for (const { name } of tables) {
      const rows: Row[] = await dataSource.query(`SELECT * FROM "${name}"`);
      for (const row of rows) {
        const text = JSON.stringify(row);
        if (ballotIds.some((id) => text.includes(id))) expect(name).toBe('ballots');
        const aboutPoll = text.includes(poll.id) || ballotIds.some((id) => text.includes(id));
        if (!aboutPoll) continue;
        const namesVoter = voters.some((id) => text.includes(id));
        const namesChoice = Object.values(row).some((value) => choiceWords.includes(String(value)));
        if (namesVoter) expect({ table: name, namesChoice }).toEqual({ table: name, namesChoice: false });
        if (name === 'audit_log') {
          expect(voters.some((id) => text.includes(id)) || ballotIds.some((id) => text.includes(id))).toBe(false);
        }
      }
    }
    const audited = await dataSource.getRepository(AuditLogEntry).findBy({ subjectId: poll.id });
    expect(audited.map((entry) => entry.action).sort()).toEqual(['poll.closed', 'poll.opened']);
  });

  it('stores and acknowledges 50 simultaneous ballots in fewer commits than ballots', async () => {
    const meeting = await createLiveMeeting(t, { status: 'scheduled' });
    const { meetingId } = meeting;
    const voters = await seedVoters(t, meeting.secretary, meetingId, 50);
    await moveTo(meeting.secretary, meetingId, 'live');
    const sockets = await Promise.all(voters.map((voter) => connectWithCookie(t, voter.cookie)));
    clients.push(...sockets);
    await Promise.all(
      sockets.map(async (client) =>
        expect(await client.call('attendance:check-in', { meetingId, status: 'in_person' })).toEqual(OK),
      ),
    );
    const chair = await enter('chutoa', meetingId);
    const poll = dataOf<PollState>(
      await chair.call('poll:open', { meetingId, agendaItemId: null, question: 'Biểu quyết nhanh', kind: 'open' }),
    );
    expect(poll.eligible).toBe(50);
    const box = t.app.get(BallotBoxService);
    const before = { ...box.stats };
    const updatesBefore = chair.updates.length;
    const choices = ['yes', 'no', 'abstain'];

    const receipts = await Promise.all(
      sockets.map((client, i) =>
        client.call('ballot:cast', {
          meetingId,
          pollId: poll.id,
          ballotId: randomUUID(),
          memberParticipantId: voters[i].participantId,
          choices: [choices[i % 3]],
        }),
      ),
    );

    expect(receipts.filter((receipt) => receipt.ok)).toHaveLength(50);
    expect(new Set(receipts.map((r) => (r as { data: BallotReceipt }).data.memberParticipantId)).size).toBe(50);
    const flushes = box.stats.flushes - before.flushes;
    expect(box.stats.stored - before.stored).toBe(50);
    expect(flushes).toBeLessThan(50);
    const pollUpdates = () => chair.updates.slice(updatesBefore).filter((update) => update.slice === 'polls');
    const lastTally = () => (pollUpdates().at(-1)?.value as PollsState | undefined)?.active?.ballots;
    for (const end = Date.now() + 2000; lastTally() !== 50 && Date.now() < end; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The tally goes out on its own clock: fewer updates than batches, the last one complete.
    expect(pollUpdates().length).toBeGreaterThan(0);
    expect(pollUpdates().length).toBeLessThanOrEqual(flushes);
    expect((pollUpdates().at(-1)?.value as PollsState).active).toMatchObject({
      ballots: 50,
      counts: { yes: 17, no: 17, abstain: 16 },
    });

    // Acknowledged means committed: another connection to the file sees every ballot.
    const reader = new Database(join(dir, 'polls.sqlite'), OPEN_READONLY);
    const stored = await new Promise<{ n: number; tally: number }>((resolve, reject) =>
      reader.get(
        `SELECT (SELECT COUNT(*) FROM ballots WHERE pollId = $id) AS n,
                (SELECT SUM(count) FROM poll_tallies WHERE pollId = $id) AS tally`,
        { $id: poll.id },
        (error: Error | null, row: { n: number; tally: number }) => (error ? reject(error) : resolve(row)),
      ),
    );
    await new Promise((resolve) => reader.close(resolve));
    expect(stored).toEqual({ n: 50, tally: 50 });
  });
});
