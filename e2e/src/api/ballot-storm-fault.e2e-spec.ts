import type { PollState } from '@app/shared';
import { expect, test } from '@playwright/test';
import type { Socket } from 'socket.io-client';

import {
  all,
  call,
  closeDatabase,
  liveSocket,
  openDatabase,
  seedDelegates,
  StormVoter,
  StormWatch,
  waitConnected,
} from '../fixtures/live-voters';
import { ProductProcess } from '../fixtures/product-process';

/**
 * The fault test of the live session (issue 4): during a ballot storm the server is killed with
 * SIGKILL and started again on the same data while the clients keep retrying. Afterwards every
 * acknowledged ballot is stored exactly once, and nothing is counted twice.
 *
 * Its own product process (not Playwright's web server): it must be killed. Loopback only, bounded
 * (the storm has 60 s), and the process and its temp data dir are removed whatever happens.
 */
const VOTERS = 150;
/** The ballots are sent over this long, so the kill finds some acknowledged and many not yet. */
const SPREAD_MS = 1000;
const STORM_DEADLINE_MS = 60_000;
const CHOICES = ['yes', 'no', 'abstain'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a ballot storm survives kill -9 and a restart: every acknowledged ballot stored once, none counted twice', async () => {
  test.setTimeout(180_000);
  const server = await ProductProcess.create();
  const sockets: Socket[] = [];
  try {
    await server.start();
    const firstPid = server.pid;

    // A live meeting with VOTERS delegates, each on their own socket, checked in.
    const secretary = await server.login('thuky');
    const startsAt = new Date(Date.now() + 3_600_000);
    const meeting = await secretary.request<{ id: string }>('POST', '/api/meetings', {
      title: 'Kỳ họp thử nghiệm biểu quyết',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      place: 'Hội trường UBND huyện',
      mode: 'in_person',
    });
    const meetingId = meeting.id;
    const accounts = await seedDelegates(server.databaseFile, `bq${Date.now().toString(36)}`, VOTERS);
    const participantIds: string[] = [];
    for (const account of accounts) {
      const participant = await secretary.request<{ id: string }>('POST', `/api/meetings/${meetingId}/participants`, {
        userId: account.userId,
      });
      participantIds.push(participant.id);
    }
    for (const to of ['scheduled', 'live']) {
      await secretary.request('POST', `/api/meetings/${meetingId}/transitions`, { to });
    }
    for (const account of accounts) sockets.push(liveSocket(server.url, account.cookie));
    const organiser = liveSocket(server.url, secretary.cookieHeader());
    sockets.push(organiser);
    expect(await Promise.all(sockets.map((socket) => waitConnected(socket, 15_000)))).not.toContain(false);
    const checkIns = await Promise.all(
      sockets
        .slice(0, VOTERS)
        .map((socket) => call<null>(socket, 'attendance:check-in', { meetingId, status: 'in_person' }, 15_000)),
    );
    expect(checkIns.filter((result) => !result.ok)).toEqual([]);

    const opened = await call<PollState>(organiser, 'poll:open', {
      meetingId,
      agendaItemId: null,
      question: 'Thông qua nghị quyết?',
      kind: 'open',
    });
    expect(opened).toMatchObject({ ok: true, data: { eligible: VOTERS, status: 'open' } });
    const pollId = (opened as { data: PollState }).data.id;

    // The storm. Once a third is acknowledged: kill -9, then start again on the same data dir and port.
    const voters = participantIds.map(
      (memberParticipantId, i) =>
        new StormVoter(sockets[i], { meetingId, pollId, memberParticipantId, choices: [CHOICES[i % 3]] }),
    );
    // The kill comes once a quarter is acknowledged, at a moment when ballots are on their way.
    let killedAt = 0;
    let inFlightAtKill = 0;
    let ackedAtKill = 0;
    let killing: Promise<void> | null = null;
    const ackedCount = () => voters.filter((voter) => voter.receipt).length;
    const watch: StormWatch = {
      inFlight: 0,
      sent: () => maybeKill(),
      acked: () => maybeKill(),
    };
    const maybeKill = () => {
      const acked = ackedCount();
      if (killing || acked < VOTERS / 4 || (watch.inFlight < 3 && acked < VOTERS / 2)) return;
      killedAt = Date.now();
      inFlightAtKill = watch.inFlight;
      ackedAtKill = acked;
      killing = server.kill9();
    };
    const stormStart = Date.now();
    const deadline = stormStart + STORM_DEADLINE_MS;
    const storm = Promise.all(
      voters.map(async (voter) => {
        await sleep(Math.random() * SPREAD_MS);
        await voter.vote(deadline, watch);
      }),
    );
    let stormOver = false;
    void storm.finally(() => (stormOver = true));
    while (!killing && !stormOver) await sleep(20);
    expect(killing, 'the server was killed during the storm').not.toBeNull();
    await killing;
    await server.start();
    const restartedAt = Date.now();
    const secondPid = server.pid;
    await storm;
    const stormMs = Date.now() - stormStart;
    for (const socket of sockets) socket.close();
    await server.stop();

    // What the clients were told, against what the database holds.
    const acked = voters.filter((voter) => voter.receipt);
    const db = await openDatabase(server.databaseFile, 'readonly');
    const rows = await all<{ ballotId: string; memberParticipantId: string; choices: string }>(
      db,
      `SELECT "ballotId", "memberParticipantId", "choices" FROM "ballots" WHERE "pollId" = ?`,
      [pollId],
    );
    const doubleMembers = await all<{ memberParticipantId: string; n: number }>(
      db,
      `SELECT "memberParticipantId", COUNT(*) AS n FROM "ballots" WHERE "pollId" = ? GROUP BY 1 HAVING COUNT(*) > 1`,
      [pollId],
    );
    const tallies = await all<{ optionKey: string; count: number }>(
      db,
      `SELECT "optionKey", "count" FROM "poll_tallies" WHERE "pollId" = ?`,
      [pollId],
    );
    await closeDatabase(db);

    const counts = {
      voters: VOTERS,
      acked: acked.length,
      stored: rows.length,
      ackedBeforeKill: ackedAtKill,
      ackedAfterKill: acked.length - ackedAtKill,
      inFlightAtKill,
      duplicateReceipts: acked.filter((voter) => voter.receipt?.duplicate).length,
      retried: voters.filter((voter) => voter.attempts > 1).length,
      attempts: voters.reduce((sum, voter) => sum + voter.attempts, 0),
      refused: voters.filter((voter) => voter.refusal).length,
      storedNotAcked: rows.filter((row) => !acked.some((voter) => voter.ballotId === row.ballotId)).length,
      tallySum: tallies.reduce((sum, row) => sum + row.count, 0),
      downMs: restartedAt - killedAt,
      stormMs,
      pids: [firstPid, secondPid],
    };
    console.log(`ballot storm fault test: ${JSON.stringify(counts)}`);

    expect(voters.filter((voter) => voter.refusal).map((voter) => voter.refusal)).toEqual([]);
    expect(counts.ackedBeforeKill).toBeGreaterThan(0);
    expect(counts.ackedAfterKill).toBeGreaterThan(0);
    expect(acked).toHaveLength(VOTERS);
    // Every acknowledged ballot is stored exactly once, as it was cast.
    for (const voter of acked) {
      const stored = rows.filter((row) => row.ballotId === voter.ballotId);
      expect(stored, `ballot ${voter.ballotId}`).toHaveLength(1);
      expect(stored[0].memberParticipantId).toBe(voter.payload.memberParticipantId);
      expect(JSON.parse(stored[0].choices)).toEqual(voter.payload.choices);
    }
    // One row per member who was acknowledged, nobody twice, and the tally counts each row once.
    expect(rows).toHaveLength(new Set(acked.map((voter) => voter.payload.memberParticipantId)).size);
    expect(doubleMembers).toEqual([]);
    expect(counts.tallySum).toBe(rows.length);
    for (const key of CHOICES) {
      expect(tallies.find((row) => row.optionKey === key)?.count, `tally of ${key}`).toBe(
        rows.filter((row) => (JSON.parse(row.choices) as string[]).includes(key)).length,
      );
    }
  } finally {
    for (const socket of sockets) socket.close();
    await server.dispose();
  }
});
