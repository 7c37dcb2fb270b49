/**
 * P1 + P7 — npm run bench:fanout: follow-the-presenter fan-out through the built product.
 * 1,000 delegates (each its own login session, see lib/live-crowd.ts) are connected to `/live` over
 * websocket from 4 client processes and have joined the meeting's room; the chair, as presenter,
 * turns 100 pages, one every 150 ms (`presenter:move`). Each client stamps every `presentation`
 * update it receives; latency = receive stamp − the presenter's send stamp (shared clock:
 * performance.timeOrigin + performance.now() in every process). Missed = clients × turns −
 * deliveries received. P7: the server's RSS (VmRSS) once all 1,000 have joined, minus before any
 * connected, per client.
 * Baseline in the same run: the same clients and turns through a bare socket.io server
 * (bench/fanout/bare-server.ts). Writes bench/results/fanout.json. Needs `npm run build` first.
 */
import { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';

import type { LiveResult } from '@app/shared';

import {
  callLive,
  clock,
  connectLive,
  cpuMs,
  CrowdClients,
  expectOk,
  forkTs,
  LiveCrowd,
  percentile,
  prepareLiveCrowd,
  rssKb,
  sleep,
  sleepUntil,
} from './lib/live-crowd';

const ROOT = resolve(__dirname, '..');
const CLIENTS = 1000;
const PROCESSES = 4;
const TURNS = 100;
/** Turns before the measured ones, in each run, so both start with warm clients and servers. */
const WARM_UP_TURNS = 10;
const TURN_EVERY_MS = 150;
/** After the last turn, how long stragglers may still arrive. */
const DRAIN_MS = 5000;
/** Settling time before memory is read. */
const SETTLE_MS = 2000;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.3;
const TARGET_RSS_PER_CLIENT_KB = 50;
const RESULTS = resolve(__dirname, 'results', 'fanout.json');

interface FanoutRun {
  latencies: number[];
  missed: number;
  rssBeforeKb: number;
  /** Once connected, before joining (the join acks carry whole snapshots). */
  rssConnectedKb: number;
  rssAfterKb: number;
  /** Server CPU time over the measured turns and their drain, and that span. */
  cpuMs: number;
  spanMs: number;
  /** Per turn: the presenter's ack (sent after the broadcast), and the first client's delivery. */
  ackMs: number[];
  firstDeliveryMs: number[];
}

async function main(): Promise<void> {
  let crowd: LiveCrowd | null = null;
  let clients: CrowdClients | null = null;
  let bare: ChildProcess | null = null;
  try {
    console.log(`Preparing a live meeting with ${CLIENTS} delegates…`);
    console.log(
      `  load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    crowd = await prepareLiveCrowd(ROOT, CLIENTS);
    clients = await CrowdClients.spawn(PROCESSES);

    console.log('Product: connecting, joining, turning pages…');
    const product = await fanout(crowd, clients, crowd.url, crowd.chair.token, crowd.serverPid);
    await crowd.stopServer(); // the baseline gets the CPU to itself, as the product did

    console.log('Baseline (bare socket.io): connecting, joining, turning pages…');
    bare = forkTs(resolve(__dirname, 'fanout', 'bare-server.ts'), [
      crowd.meetingId,
      crowd.chair.userId,
      crowd.chair.displayName,
    ]);
    const port = await new Promise<number>((done, fail) => {
      bare?.once('message', (message: { port: number }) => done(message.port));
      bare?.once('exit', (code) => fail(new Error(`the baseline server exited with ${code}`)));
    });
    const baseline = await fanout(crowd, clients, `http://127.0.0.1:${port}`, 'unused', bare.pid ?? 0);

    await report(product, baseline);
  } finally {
    await clients?.close();
    bare?.kill('SIGKILL');
    await crowd?.stop();
  }
}

async function fanout(
  crowd: LiveCrowd,
  clients: CrowdClients,
  url: string,
  presenterToken: string,
  serverPid: number,
): Promise<FanoutRun> {
  const presenter = await connectLive(url, presenterToken);
  try {
    const { meetingId } = crowd;
    if (url === crowd.url) {
      expectOk(await callLive(presenter, 'presenter:set', { meetingId, userId: crowd.chair.userId }), 'presenter:set');
    }
    await sleep(SETTLE_MS);
    const rssBeforeKb = rssKb(serverPid);

    const connected = await clients.connect(url, crowd.delegates);
    if (connected.failed) throw new Error(`${connected.failed} clients could not connect: ${connected.firstError}`);
    await sleep(SETTLE_MS);
    const rssConnectedKb = rssKb(serverPid);
    const joined = await clients.callAll('live:join', { meetingId });
    if (joined.failed) throw new Error(`${joined.failed} clients could not join: ${joined.firstError}`);
    await sleep(SETTLE_MS);
    const rssAfterKb = rssKb(serverPid);

    const turn = (page: number) =>
      callLive(presenter, 'presenter:move', {
        meetingId,
        position: {
          documentId: crowd.documentId,
          version: crowd.documentVersion,
          page,
          scale: null,
          scrollTop: 0,
          scrollLeft: 0,
        },
      });
    // Warm-up pages 901…, not recorded.
    await turnPages(
      Array.from({ length: WARM_UP_TURNS }, (_, i) => 901 + i),
      turn,
    );
    await sleep(1000);

    await clients.record();
    const cpuBefore = cpuMs(serverPid);
    const spanStart = clock();
    const { sentAt, ackMs } = await turnPages(
      Array.from({ length: TURNS }, (_, i) => i + 1),
      turn,
    );
    const expected = crowd.delegates.length * TURNS;
    const drainUntil = clock() + DRAIN_MS;
    while ((await clients.receivedCount()) < expected && clock() < drainUntil) await sleep(100);
    const spanMs = clock() - spanStart;
    const cpu = cpuMs(serverPid) - cpuBefore;

    const seen = new Set<string>();
    const latencies: number[] = [];
    const first = new Map<number, number>();
    for (const reception of await clients.collect()) {
      const sent = sentAt.get(reception.page);
      const key = `${reception.client}:${reception.page}`;
      if (sent === undefined || seen.has(key)) continue;
      seen.add(key);
      latencies.push(reception.at - sent);
      first.set(reception.page, Math.min(first.get(reception.page) ?? Infinity, reception.at - sent));
    }
    await clients.disconnect();
    return {
      latencies,
      missed: expected - latencies.length,
      rssBeforeKb,
      rssConnectedKb,
      rssAfterKb,
      cpuMs: cpu,
      spanMs,
      ackMs,
      firstDeliveryMs: [...first.values()],
    };
  } finally {
    presenter.disconnect();
  }
}

/**
 * One turn every TURN_EVERY_MS, on schedule (not waiting for acks). Returns each page's send stamp
 * and each turn's ack latency.
 */
async function turnPages(
  pages: number[],
  turn: (page: number) => Promise<LiveResult<{ version: number }>>,
): Promise<{ sentAt: Map<number, number>; ackMs: number[] }> {
  const sentAt = new Map<number, number>();
  const acks: Promise<number>[] = [];
  const start = clock() + 50;
  for (const [i, page] of pages.entries()) {
    await sleepUntil(start + i * TURN_EVERY_MS);
    const sent = clock();
    sentAt.set(page, sent);
    acks.push(turn(page).then((ack) => (expectOk(ack, 'presenter:move'), clock() - sent)));
  }
  return { sentAt, ackMs: await Promise.all(acks) };
}

async function report(product: FanoutRun, baseline: FanoutRun): Promise<void> {
  const round1 = (value: number) => Math.round(value * 10) / 10;
  const p50Ms = round1(percentile(product.latencies, 50));
  const p99Ms = round1(percentile(product.latencies, 99));
  const baselineP50Ms = round1(percentile(baseline.latencies, 50));
  const baselineP99Ms = round1(percentile(baseline.latencies, 99));
  const ratio = Math.round((p99Ms / baselineP99Ms) * 100) / 100;
  const rssPerClientKb = round1((product.rssAfterKb - product.rssBeforeKb) / CLIENTS);
  const baselineRssPerClientKb = round1((baseline.rssAfterKb - baseline.rssBeforeKb) / CLIENTS);
  const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
  const socketIo = JSON.parse(readFileSync(require.resolve('socket.io/package.json'), 'utf8')) as { version: string };
  console.log(
    [
      '',
      `Follow-the-presenter fan-out: ${CLIENTS} delegate sockets in ${PROCESSES} processes, ${TURNS} page turns ` +
        `(one every ${TURN_EVERY_MS} ms), loopback, ${availableParallelism()} cores:`,
      `  p50Ms           ${p50Ms}   (baseline ${baselineP50Ms})`,
      `  p99Ms           ${p99Ms}   target ≤ ${TARGET_P99_MS}  ${verdict(p99Ms <= TARGET_P99_MS)}`,
      `  missed          ${product.missed} of ${CLIENTS * TURNS}   target 0  ${verdict(product.missed === 0)}` +
        `   (baseline missed ${baseline.missed})`,
      `  baselineP99Ms   ${baselineP99Ms} (bare socket.io ${socketIo.version}, same payload)`,
      `                  presenter's ack p50/p99: product ${p50p99(product.ackMs)}, baseline ${p50p99(baseline.ackMs)}`,
      `                  first delivery of a turn p50/p99: product ${p50p99(product.firstDeliveryMs)}, ` +
        `baseline ${p50p99(baseline.firstDeliveryMs)}`,
      `                  server CPU over the turns: product ${busy(product)}, baseline ${busy(baseline)}`,
      `  ratio           ${ratio}   target ≤ ${TARGET_RATIO}  ${verdict(ratio <= TARGET_RATIO)}`,
      `  rssPerClientKb  ${rssPerClientKb}   target ≤ ${TARGET_RSS_PER_CLIENT_KB}  ` +
        verdict(rssPerClientKb <= TARGET_RSS_PER_CLIENT_KB),
      `                  server RSS ${memory(product)}`,
      `                  baseline server ${baselineRssPerClientKb} kB per client, RSS ${memory(baseline)}`,
    ].join('\n'),
  );
  await mkdir(resolve(RESULTS, '..'), { recursive: true });
  const result = {
    clients: CLIENTS,
    turns: TURNS,
    p50Ms,
    p99Ms,
    missed: product.missed,
    baselineP99Ms,
    ratio,
    rssPerClientKb,
  };
  await writeFile(RESULTS, JSON.stringify(result) + '\n');
  console.log(`  written to ${RESULTS}`);
}

function p50p99(values: number[]): string {
  return `${percentile(values, 50).toFixed(1)}/${percentile(values, 99).toFixed(1)} ms`;
}

function busy(run: FanoutRun): string {
  return `${run.cpuMs} ms in ${Math.round(run.spanMs)} ms (${Math.round((run.cpuMs / run.spanMs) * 100)}% of one core)`;
}

/** RSS before any client, once connected, once joined: kB, and kB per client from `before`. */
function memory(run: FanoutRun): string {
  const per = (kb: number) => `${Math.round(((kb - run.rssBeforeKb) / CLIENTS) * 10) / 10} kB/client`;
  return (
    `${run.rssBeforeKb} kB → connected ${run.rssConnectedKb} kB (${per(run.rssConnectedKb)}) → ` +
    `joined ${run.rssAfterKb} kB (${per(run.rssAfterKb)})`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
