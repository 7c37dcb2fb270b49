/**
 * P2 — npm run bench:votes: a vote storm through the built product.
 * 1,000 delegates (each its own login session, see lib/live-crowd.ts), connected to `/live` over
 * websocket from 4 client processes, check themselves in (`attendance:check-in`) and join the
 * meeting's room; the chair opens an open yes/no/abstain poll (`poll:open`, which fixes the
 * eligible voters); then every delegate casts one ballot for itself (`ballot:cast`, its own
 * ballotId), the sends spread evenly over 1 s and interleaved across the processes. Ack latency =
 * ack stamp − send stamp (shared clock: performance.timeOrigin + performance.now()).
 * After the storm the ballots are counted in the sqlite file (read-only connection):
 * lost = acknowledged ballots not stored, duplicated = stored rows beyond one per member.
 * Writes bench/results/votes.json. Needs `npm run build` first.
 *
 * The check-ins are made before the delegates join the room: each check-in sends the whole
 * attendance slice (1,000 entries) to every socket in the room, which is setup, not the storm.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';

import { decodeLiveSnapshot } from '@app/shared';

import {
  callLive,
  clock,
  connectLive,
  cpuMs,
  CrowdClients,
  expectOk,
  LiveCrowd,
  LiveIoSocket,
  percentile,
  prepareLiveCrowd,
  sleep,
} from './lib/live-crowd';
import { readStoredBallots } from './votes/stored-ballots';

const ROOT = resolve(__dirname, '..');
const DELEGATES = 1000;
const PROCESSES = 4;
/** Every ballot is sent within this window. */
const STORM_MS = 1000;
const TARGET_P99_MS = 250;
const RESULTS = resolve(__dirname, 'results', 'votes.json');

async function main(): Promise<void> {
  let crowd: LiveCrowd | null = null;
  let clients: CrowdClients | null = null;
  let chair: LiveIoSocket | null = null;
  try {
    console.log(`Preparing a live meeting with ${DELEGATES} delegates…`);
    console.log(
      `  load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const live = (crowd = await prepareLiveCrowd(ROOT, DELEGATES));
    const crowdClients = (clients = await CrowdClients.spawn(PROCESSES));
    const { meetingId } = live;

    chair = await connectLive(live.url, live.chair.token);
    expectOk(await callLive(chair, 'live:join', { meetingId }), 'live:join (chair)');
    await stage('connect', () => crowdClients.connect(live.url, live.delegates));
    await stage('check in', () => crowdClients.callAll('attendance:check-in', { meetingId, status: 'in_person' }));
    await stage('join', () => crowdClients.callAll('live:join', { meetingId }));

    const poll = expectOk(
      await callLive(chair, 'poll:open', {
        meetingId,
        agendaItemId: null,
        question: 'Thông qua Tờ trình kế hoạch đầu tư công năm 2027 / Adopt the 2027 public investment plan',
        kind: 'open',
      }),
      'poll:open',
    );
    console.log(`  poll opened: ${poll.eligible} eligible voters, options ${poll.options.map((o) => o.key).join('/')}`);
    if (poll.eligible !== DELEGATES) throw new Error(`${poll.eligible} eligible voters, expected ${DELEGATES}`);
    await sleep(1000);

    console.log(`Storm: ${DELEGATES} ballots within ${STORM_MS} ms…`);
    const cpuBefore = cpuMs(live.serverPid);
    const stormStarted = clock();
    const outcomes = await crowdClients.cast({
      meetingId,
      pollId: poll.id,
      options: poll.options.map((option) => option.key),
      startAt: clock() + 500,
      spacingMs: STORM_MS / DELEGATES,
    });
    const stormMs = clock() - stormStarted;
    const serverCpuMs = cpuMs(live.serverPid) - cpuBefore;
    const stored = await readStoredBallots(live.databaseFile, poll.id);
    const snapshot = decodeLiveSnapshot(expectOk(await callLive(chair, 'live:sync', { meetingId }), 'live:sync'));

    const acked = outcomes.filter((o) => o.ok);
    const ackMs = acked.map((o) => (o.ackAt ?? 0) - o.sentAt);
    const sends = outcomes.map((o) => o.sentAt);
    const refused = new Map<string, number>();
    for (const o of outcomes.filter((o) => !o.ok)) refused.set(o.code ?? '?', (refused.get(o.code ?? '?') ?? 0) + 1);
    const round1 = (value: number) => Math.round(value * 10) / 10;
    const result = {
      ballots: outcomes.length,
      acked: acked.length,
      stored: stored.rows,
      lost: acked.filter((o) => !stored.ballotIds.has(o.ballotId)).length,
      duplicated: stored.rows - stored.members,
      p50AckMs: round1(percentile(ackMs, 50)),
      p99AckMs: round1(percentile(ackMs, 99)),
    };
    const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
    console.log(
      [
        '',
        `Vote storm: ${DELEGATES} delegates in ${PROCESSES} processes, ballots sent over ` +
          `${Math.round(Math.max(...sends) - Math.min(...sends))} ms, loopback, ${availableParallelism()} cores:`,
        `  ballots     ${result.ballots}`,
        `  acked       ${result.acked}   target ${DELEGATES}  ${verdict(result.acked === DELEGATES)}` +
          (refused.size ? `   (not acked: ${[...refused].map(([code, n]) => `${n} ${code}`).join(', ')})` : ''),
        `  stored      ${result.stored}   target ${DELEGATES}  ${verdict(result.stored === DELEGATES)}` +
          `   (tallies sum ${stored.tallied}, live snapshot ${snapshot.polls.active?.ballots ?? 'no active poll'})`,
        `  lost        ${result.lost}`,
        `  duplicated  ${result.duplicated}`,
        `  p50AckMs    ${result.p50AckMs}`,
        `  p99AckMs    ${result.p99AckMs}   target ≤ ${TARGET_P99_MS}  ${verdict(result.p99AckMs <= TARGET_P99_MS)}` +
          `   (max ${round1(Math.max(...ackMs))})`,
        `  server CPU  ${serverCpuMs} ms in the ${Math.round(stormMs)} ms from the first send to the last ack ` +
          `(${Math.round((serverCpuMs / stormMs) * 100)}% of one core)`,
      ].join('\n'),
    );
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, JSON.stringify(result) + '\n');
    console.log(`  written to ${RESULTS}`);
  } finally {
    chair?.disconnect();
    await clients?.close();
    await crowd?.stop();
  }
}

/** Runs one setup step over every client; all must succeed. */
async function stage(
  name: string,
  work: () => Promise<{ ok: number; failed: number; firstError: string | null }>,
): Promise<void> {
  const started = clock();
  const tally = await work();
  if (tally.failed) throw new Error(`${name}: ${tally.failed} clients failed: ${tally.firstError}`);
  console.log(`  ${name}: ${tally.ok} clients in ${Math.round(clock() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
