/**
 * P3 — npm run bench:sfu: SFU load on one real mediasoup worker, loopback only.
 *
 * Load: a 14-site full bridge — each site sends VP8 simulcast (3 layers) + opus into a comedia
 * PlainTransport (28 producers) and consumes every other site's audio and video (364 consumers) —
 * plus 300 viewers of the chair's (site 0's) video. ffmpeg encodes a short clip ONCE (the three
 * layers and the opus stream, one process); its RTP packets are captured here and replayed in real
 * time as all 14 sites, each with its own SSRCs (sfu/encoded-clip.ts, sfu/clip-replay.ts): the
 * producers get real RTP while the load measured is mediasoup's, not 14 encoders'. Consumers take
 * the top layer (the worst case) and send to sink sockets in a child process (sfu/rtp-sink.ts):
 * those of 4 sites and every 10th viewer count packets and sequence gaps, the others are never
 * read (the kernel drops), so that the bench does not take the CPU the worker needs. Every
 * consumer's packets are counted by mediasoup. See sfu/bridge.ts for the transports.
 *
 * CPU: the worker's user + system time (worker.getResourceUsage()) per second of load over a
 * steady window after a warm-up, % of one core; the window's edges are read with the replay paused
 * for a moment, so that they are exact even when the worker gets less CPU than the load needs (see
 * sfu/worker-cpu.ts). Measured in the same run, in order:
 *   idle       the worker with a router and nothing else (noise floor);
 *   baseline   the 28 producers receiving, no consumer;
 *   bridge     + the 364 site consumers;
 *   headline   + 300 viewers: bridgeCpuPct, packets forwarded and loss;
 *   sweep      + viewers in steps until the worker passes 70 %, or its consumers stop getting
 *              their packets (starved or saturated), or a step, time or deadline limit.
 * consumersPerCoreAt70: a least-squares line of CPU against consumers over the bridge, headline
 * and sweep points (the same 28 producers throughout; the line's intercept carries their cost),
 * solved for 70 %. ratio = bridgeCpuPct / baselineCpuPct: forwarding to 664 consumers against
 * receiving alone. The replay pauses while transports are built. Writes bench/results/sfu.json.
 */
import { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';

import type { types as ms } from 'mediasoup';

import { Bridge } from './sfu/bridge';
import { ClipReplay } from './sfu/clip-replay';
import { ClipSpec, encodeClip } from './sfu/encoded-clip';
import { Forwarding, ForwardingCounters } from './sfu/forwarding-counters';
import { RtpSinks } from './sfu/rtp-sink';
import { cpuWindow, fitLine, sleep, within } from './sfu/worker-cpu';

const SITES = 14;
const VIEWERS = 300;
/** The sinks count the consumers of this many sites, and every COUNT_EVERY-th viewer. */
const COUNTED_SITES = 4;
const COUNT_EVERY = 10;
const CLIP: ClipSpec = {
  seconds: 4,
  fps: 15,
  layers: [
    { width: 320, height: 180, kbps: 150 },
    { width: 640, height: 360, kbps: 500 },
    { width: 1280, height: 720, kbps: 1200 },
  ],
  audioKbps: 32,
};
const IDLE_MS = 3000;
/** After building, before measuring: longer than the clip's key frame interval (2 s). */
const WARM_UP_MS = 3000;
const WINDOW_MS = 10_000;
/** The other points are measured for this long, after the same warm-up. */
const STEP_WINDOW_MS = 5000;
/** The sweep's steps aim at this CPU from the slope so far, within MIN_STEP…MAX_STEP viewers. */
const SWEEP_AIM_PCT = 75;
const MIN_STEP = 50;
const MAX_STEP = 300;
const MAX_VIEWERS = 2400;
const CPU_LIMIT_PCT = 70;
/** A point counts if its consumers sent at least this share of the packets the clip makes. */
const MIN_FLOWING_PCT = 95;
/** A step that takes longer than this means the worker is saturated (it answers its channel late). */
const STEP_DEADLINE_MS = 30_000;
/** No sweep step starts after this; a watchdog ends the bench after HARD_LIMIT_MS. */
const SWEEP_BUDGET_MS = 150_000;
const HARD_LIMIT_MS = 240_000;
const TARGET_BRIDGE_CPU_PCT = 100;
const TARGET_PER_CORE = 500;
const RESULTS = resolve(__dirname, 'results', 'sfu.json');

interface CpuPoint {
  label: string;
  consumers: number;
  cpuPct: number;
  /** Packets the consumers sent over the window, % of what the clip's rates make (a sample). */
  flowingPct: number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const benchStart = performance.now();
  const elapsedS = () => Math.round((performance.now() - benchStart) / 1000);
  let ffmpeg: ChildProcess | null = null;
  let sinks: RtpSinks | null = null;
  let bridge: Bridge | null = null;
  let replay: ClipReplay | null = null;
  const cleanup = () => {
    replay?.close();
    sinks?.close();
    bridge?.close();
    if (ffmpeg && ffmpeg.exitCode === null && ffmpeg.signalCode === null) ffmpeg.kill('SIGKILL');
  };
  const abort = (why: string) => {
    console.error(why);
    cleanup();
    process.exit(1);
  };
  const watchdog = setTimeout(() => abort(`bench:sfu still running after ${HARD_LIMIT_MS / 1000} s`), HARD_LIMIT_MS);
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));

  try {
    console.log(`Load average before: ${load()}`);
    console.log(
      `Encoding the ${CLIP.seconds} s clip once (VP8 ${CLIP.layers.map((l) => `${l.height}p`).join('/')} + opus)…`,
    );
    const clip = await encodeClip(CLIP, (child) => (ffmpeg = child));
    console.log(`  encoded in ${elapsedS()} s`);

    sinks = await RtpSinks.start();
    bridge = await Bridge.create();
    const b = bridge;
    const points: CpuPoint[] = [];
    // Packets a second a consumer on the top layer gets: what "flowing" is measured against.
    const audioRate = clip.streams[CLIP.layers.length].packets.length / CLIP.seconds;
    const topVideoRate = clip.streams[CLIP.layers.length - 1].packets.length / CLIP.seconds;
    const rateOf = (consumer: ms.Consumer) => (consumer.kind === 'audio' ? audioRate : topVideoRate);
    const measure = async (
      label: string,
      warmUpMs: number,
      windowMs: number,
      atEdges?: () => Promise<void>,
    ): Promise<{ cpuPct: number; flowingMs: number }> => {
      await sleep(warmUpMs);
      // Every 10th consumer's packet count, at both edges: did the consumers get their packets?
      const sample = [...b.bridgeConsumers, ...b.viewers.map((v) => v.consumer)].filter((_, i) => i % 10 === 0);
      const sent: number[] = [];
      const edges = async () => {
        sent.push(await Bridge.sentPackets(sample));
        await atEdges?.();
      };
      const deadline = windowMs + (atEdges ? 60_000 : 20_000);
      const window = await within(deadline, `measuring "${label}"`, cpuWindow(b, replay, windowMs, edges));
      const expected = (sample.reduce((sum, c) => sum + rateOf(c), 0) * window.flowingMs) / 1000;
      const flowingPct = expected ? ((sent[1] - sent[0]) / expected) * 100 : 100;
      points.push({ label, consumers: b.consumerCount, cpuPct: window.cpuPct, flowingPct });
      console.log(
        `  ${label.padEnd(30)} ${String(b.consumerCount).padStart(5)} consumers ` +
          `${window.cpuPct.toFixed(1).padStart(6)} %   ` +
          (sample.length ? `flowing ${flowingPct.toFixed(0).padStart(3)} %   ` : '') +
          `(at ${elapsedS()} s, load ${load()})`,
      );
      return window;
    };
    // The replay pauses while transports are built: a worker busy forwarding answers its channel late.
    const building = async (work: () => Promise<unknown>) => {
      replay?.pause();
      await work();
      replay?.resume();
    };

    console.log('Worker CPU, % of one core:');
    const idleCpuPct = (await measure('idle worker', 0, IDLE_MS)).cpuPct;

    const targets = await b.addSites(SITES, CLIP.layers.length);
    replay = new ClipReplay(clip);
    await replay.open(targets);
    replay.start();
    const baselineCpuPct = (await measure(`${SITES} sites sending (baseline)`, WARM_UP_MS, STEP_WINDOW_MS)).cpuPct;

    // The sinks count a sample — COUNTED_SITES sites' transports and every COUNT_EVERY-th viewer —
    // and the rest go to a socket nobody reads: reading every packet would take this process a
    // good part of the CPU the worker needs (the kernel delivers to both kinds of socket alike).
    const dropSink = await sinks.drop();
    const countingPorts = await sinks.bind(COUNTED_SITES + 1);
    const sitePorts = b.sites.map((site) => (site.index < COUNTED_SITES ? countingPorts[site.index] : dropSink));
    const viewerPort = (viewer: number) =>
      viewer < VIEWERS && viewer % COUNT_EVERY === 0 ? countingPorts[COUNTED_SITES] : dropSink;
    await building(() => b.connectSites(sitePorts));
    const bridgeOnlyCpuPct = (await measure('+ full bridge', WARM_UP_MS, STEP_WINDOW_MS)).cpuPct;

    await building(() => b.addViewers(VIEWERS, b.sites[0].video, viewerPort));
    const viewers = b.viewers.map((v) => v.consumer);
    const countedSites = b.sites.slice(0, COUNTED_SITES).flatMap((site) => site.consumers);
    const countedViewers = viewers.filter((_, i) => viewerPort(i) !== dropSink);
    const counters = new ForwardingCounters(
      b,
      replay,
      sinks,
      [...b.bridgeConsumers, ...viewers],
      [...countedSites, ...countedViewers],
    );
    const headline = await measure(`+ ${VIEWERS} viewers (headline)`, WARM_UP_MS, WINDOW_MS, () => counters.read());
    const bridgeCpuPct = headline.cpuPct;
    const loadAtHeadline = load();
    const flow = counters.result(headline.flowingMs, {
      'bridge audio': countedSites.filter((c) => c.kind === 'audio'),
      'bridge video': countedSites.filter((c) => c.kind === 'video'),
      viewers: countedViewers,
    });

    // The sweep: more viewers of the chair's video.
    let sweepStop = `the step limit (${MAX_VIEWERS} viewers)`;
    for (;;) {
      const [previous, last] = points.slice(-2);
      const slope = (last.cpuPct - previous.cpuPct) / Math.max(1, last.consumers - previous.consumers);
      const aimed = slope > 0 ? Math.round((SWEEP_AIM_PCT - last.cpuPct) / slope) : MAX_STEP;
      const step = Math.min(MAX_STEP, Math.max(MIN_STEP, aimed), MAX_VIEWERS - b.viewers.length);
      if (last.cpuPct >= CPU_LIMIT_PCT) sweepStop = `${CPU_LIMIT_PCT} % reached`;
      else if (last.flowingPct < MIN_FLOWING_PCT) sweepStop = `the consumers got ${last.flowingPct.toFixed(0)} %`;
      else if (performance.now() - benchStart > SWEEP_BUDGET_MS) sweepStop = 'the time budget';
      if (
        last.cpuPct >= CPU_LIMIT_PCT ||
        last.flowingPct < MIN_FLOWING_PCT ||
        step <= 0 ||
        performance.now() - benchStart > SWEEP_BUDGET_MS
      ) {
        break;
      }
      try {
        await within(
          STEP_DEADLINE_MS,
          `adding ${step} viewers`,
          building(() => b.addViewers(step, b.sites[0].video, viewerPort)),
        );
        await measure(`+ ${b.viewers.length} viewers`, WARM_UP_MS, STEP_WINDOW_MS);
      } catch (error) {
        sweepStop = `${(error as Error).message}: the worker is saturated or starved of CPU`;
        break;
      }
    }
    console.log(`  sweep ended: ${sweepStop}`);

    // Points where the worker kept up: elsewhere its CPU is what it was given, not what it needs.
    const fitted = points.filter((p) => p.consumers >= b.bridgeConsumers.length && p.flowingPct >= MIN_FLOWING_PCT);
    const line = fitted.length >= 2 ? fitLine(fitted.map((p) => ({ x: p.consumers, y: p.cpuPct }))) : { a: 0, b: 0 };
    const top = fitted.length ? fitted[fitted.length - 1] : points[points.length - 1];
    const expectedPerSec = (b.bridgeConsumers.length / 2) * (audioRate + topVideoRate) + viewers.length * topVideoRate;

    const result = {
      producers: b.sites.length * 2,
      consumers: b.bridgeConsumers.length,
      viewerConsumers: viewers.length,
      bridgeCpuPct: round1(bridgeCpuPct),
      consumersPerCoreAt70: line.b > 0 ? Math.round((CPU_LIMIT_PCT - line.a) / line.b) : 0,
      bridgeOnlyCpuPct: round1(bridgeOnlyCpuPct),
      baselineCpuPct: round1(baselineCpuPct),
      ratio: Math.round((bridgeCpuPct / baselineCpuPct) * 100) / 100,
      idleCpuPct: round1(idleCpuPct),
      cpuPctPerConsumer: Math.round(line.b * 10000) / 10000,
      packetsForwarded: flow.packetsForwarded,
      packetsForwardedPerSec: Math.round(flow.forwardedPerSec),
      forwardedOfExpectedPct: Math.round((flow.forwardedPerSec / expectedPerSec) * 1000) / 10,
      sinkSampleReceived: flow.sinks.received,
      lossPct: flow.lossPct,
      sinkDropPct: flow.sinks.expected ? Math.round((flow.sinkDrops / flow.sinks.expected) * 10000) / 100 : 0,
      producerLossPct: flow.producerLossPct,
      replayKeptUpPct: Math.round((flow.replayPerSec / replay.packetsPerSecond) * 1000) / 10,
      sweepMaxConsumers: top.consumers,
      sweepMaxCpuPct: round1(top.cpuPct),
      fitPoints: fitted.length,
      windowSeconds: WINDOW_MS / 1000,
      loadAvg1m: Number(loadAtHeadline.split(' ')[0]),
    };
    report(result, flow, { line, top, expectedPerSec, replay, loadAtHeadline, sweepStop });
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, JSON.stringify(result) + '\n');
    console.log(`  written to ${RESULTS} (${elapsedS()} s)`);
  } finally {
    clearTimeout(watchdog);
    cleanup();
  }
}

type Result = Record<string, number>;

function report(
  result: Result,
  flow: Forwarding,
  context: {
    line: { a: number; b: number };
    top: CpuPoint;
    expectedPerSec: number;
    replay: ClipReplay;
    loadAtHeadline: string;
    sweepStop: string;
  },
): void {
  const { line, top, replay } = context;
  const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');
  const rates = CLIP.layers.map((l) => `${l.height}p ${l.kbps} kbps`).join(', ');
  const receiving = Object.entries(flow.receiving)
    .map(([name, g]) => `${name} ${g.streams}/${g.of}`)
    .join(', ');
  const fit = top.cpuPct >= CPU_LIMIT_PCT ? 'interpolated' : `extrapolated beyond ${top.consumers}`;
  const lines = [
    '',
    `SFU load: one mediasoup worker, loopback, ${availableParallelism()} cores shared with the bench and whatever else runs:`,
    `  clip                  ${CLIP.seconds} s, ${CLIP.fps} fps, VP8 ${rates}; opus ${CLIP.audioKbps} kbps; ` +
      `consumers on the top layer`,
    `  producers             ${result.producers}   (${SITES} sites × VP8 simulcast + opus)`,
    `  consumers             ${result.consumers} bridge + ${result.viewerConsumers} viewers of site 0's video; ` +
      `counted at the sinks and receiving over the window: ${receiving}`,
    `  bridgeCpuPct          ${result.bridgeCpuPct}   target ≤ ${TARGET_BRIDGE_CPU_PCT}  ` +
      verdict(result.bridgeCpuPct <= TARGET_BRIDGE_CPU_PCT),
    `    baselineCpuPct      ${result.baselineCpuPct}   (the 28 producers alone)   ratio ${result.ratio}`,
    `    bridgeOnlyCpuPct    ${result.bridgeOnlyCpuPct}   (364 consumers, no viewer)`,
    `    idleCpuPct          ${result.idleCpuPct}`,
    `  packetsForwarded      ${result.packetsForwarded}   (${result.packetsForwardedPerSec}/s, ` +
      `${result.forwardedOfExpectedPct} % of the ${Math.round(context.expectedPerSec)}/s the consumers should get)`,
    `  lossPct               ${result.lossPct}   (sink sequence gaps ${flow.sinks.lost} of ${flow.sinks.expected}, ` +
      `less ${flow.sinkDrops} the sinks' own sockets dropped (sinkDropPct ${result.sinkDropPct}); ` +
      `at the producers ${result.producerLossPct} %)`,
    `  replay                ${result.replayKeptUpPct} % of ${Math.round(replay.packetsPerSecond)} packets/s sent, ` +
      `${Math.round(replay.stalledMs)} ms skipped`,
    `  consumersPerCoreAt70  ${result.consumersPerCoreAt70}   target ≥ ${TARGET_PER_CORE}  ` +
      verdict(result.consumersPerCoreAt70 >= TARGET_PER_CORE),
    `    line over ${result.fitPoints} points: ${round1(line.a)} % + ${result.cpuPctPerConsumer} % per consumer, ` +
      `${fit} (highest point kept: ${top.consumers} consumers at ${round1(top.cpuPct)} %; points count where the ` +
      `consumers got ≥ ${MIN_FLOWING_PCT} % of their packets; sweep ended: ${context.sweepStop})`,
    `  load average          ${context.loadAtHeadline} during the headline window`,
  ];
  if (result.forwardedOfExpectedPct < 95 || result.replayKeptUpPct < 95) {
    lines.push(
      '  WARNING: the worker or the replay did not keep up with the load; with the machine this busy the ' +
        'CPU figures show what the worker was given, not what it needs.',
    );
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
