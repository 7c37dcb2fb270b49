/**
 * P4 — npm run bench:join: how long a site waits for the picture after tapping "join" (issue 5).
 *
 * Debian's Chromium with the fake camera and microphone, the built product on loopback (build first:
 * `npm run build`). The chair is in the video and sending before anything is measured. A commune site
 * opens the live page (its socket connected) and taps `conference-join`: measured from the tap to the
 * first remote video frame decoded (getStats inbound-rtp `framesDecoded > 0`, polled every 20 ms in
 * the page; see join/page-probes.ts), with the steps on the way (panel `joined`, receiving transport
 * connected, first video bytes).
 *   loopback   no emulation.
 *   slow link  DevTools network emulation of the site's page, latency 300 ms, 700 kbps both ways.
 *              Chromium applies it to HTTP, to the WebSocket handshake and to WebRTC over UDP — to
 *              WebRTC once per direction, so its round trip is ~600 ms. It does not delay WebSocket
 *              frames nor ICE-TCP: socket.io's frames are shaped in the page (300 ms round trip, 700
 *              kbps) and the TCP candidate is dropped there (join/slow-link.ts). The link probes
 *              (HTTP, socket.io, ICE round trips) are printed and written to show what was covered.
 *   slow link, 300 ms round trip  the same with DevTools' latency at 150 ms, so that WebRTC's round
 *              trip is 300 ms as well (secondary figure: "300 ms latency" read as a round trip).
 * tc netem is not used: this kernel has no netem (nor prio) qdisc.
 * Each condition: a fresh context, the app loaded unshaped (it is on the tablet already), then one
 * cold join tapped as soon as the button shows (the lazily loaded mediasoup-client chunk and the
 * router's capabilities fetched on the shaped link after the tap) and REPEATS joins after reloading
 * the page (a new socket, a new peer), tapped once the page has loaded its video device by itself
 * (what it does while the user reads it); the figure is their median.
 * Baseline, same run and browser: two local RTCPeerConnections in one page, from their creation to
 * the first frame decoded (WebRTC alone: ICE, DTLS, key frame, decode). loopbackRatio = loopbackMs /
 * baseline; slowLinkRatio = slowLinkMs / loopbackMs (the loopback figure is the slow link's baseline).
 * Writes bench/results/join.json. Targets: loopbackMs ≤ 1000, slowLinkMs ≤ 3000.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Browser, chromium, Page } from 'playwright-core';

import { prepareLiveMeeting, openLivePage, tablet } from './join/join-scene';
import { linkProbes } from './join/link-probes';
import { localLoopbackFirstFrameMs } from './join/local-loopback';
import { freeMediaPort } from './join/media-port';
import { armJoinProbe, framesEncoded, JoinTimings, joinTimings } from './join/page-probes';
import { emulateLink, LinkShape, shapeWhatEmulationMisses } from './join/slow-link';
import { median } from './lib/stats';
import { ProductServer, startProductServer } from './lib/product-server';

const ROOT = join(__dirname, '..');
const REPEATS = Number(process.env['BENCH_JOIN_REPEATS'] ?? 5);
const SLOW_LINK: LinkShape = { devtoolsLatencyMs: 300, socketRttMs: 300, kbps: 700 };
const SLOW_LINK_RTT_300: LinkShape = { devtoolsLatencyMs: 150, socketRttMs: 300, kbps: 700 };
/** Bounds: a page load on the slow link (the app from cache), one join. */
const PAGE_TIMEOUT_MS = 120_000;
const JOIN_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value);

/** The remote peer: the chair joins and is sending video before any join is measured. */
async function startRemotePeer(browser: Browser, server: ProductServer, meetingId: string): Promise<void> {
  const { page } = await tablet(browser, server, 'chutoa');
  await openLivePage(page, server.url, meetingId, PAGE_TIMEOUT_MS);
  await page.getByTestId('conference-join').tap();
  const deadline = Date.now() + JOIN_TIMEOUT_MS;
  while ((await framesEncoded(page)) === 0) {
    const phase = await page.getByTestId('conference-panel').getAttribute('data-phase');
    if (phase === 'failed' || Date.now() > deadline) {
      const said = await page.getByTestId('conference-panel').getByRole('alert').allInnerTexts();
      throw new Error(`the chair is not sending video (panel phase "${phase}": ${said.join(' ')})`);
    }
    await sleep(200);
  }
}

/**
 * Opens the live page (socket connected), taps join, and returns the in-page timings. `atOnce`: taps
 * as soon as the button shows; otherwise once the page has loaded the video device (which it does
 * by itself while the user reads the page: the chunk and one round trip, see conference-client).
 */
async function measureJoin(
  page: Page,
  server: ProductServer,
  meetingId: string,
  atOnce: boolean,
): Promise<JoinTimings> {
  await openLivePage(page, server.url, meetingId, PAGE_TIMEOUT_MS);
  if (!atOnce) {
    await page
      .locator('[data-testid="conference-panel"][data-device-ready="true"]')
      .waitFor({ state: 'attached', timeout: PAGE_TIMEOUT_MS });
  }
  await armJoinProbe(page);
  await page.getByTestId('conference-join').tap();
  return joinTimings(page, JOIN_TIMEOUT_MS);
}

interface Condition {
  cold: JoinTimings;
  warm: JoinTimings[];
  httpRttMs: number;
  wsRttMs: number;
}

/**
 * A fresh context for the site on `shape` (null: loopback): the app loaded unshaped first (it is on
 * the tablet already), then a cold join and REPEATS warm ones on the shaped link.
 */
async function measureCondition(
  browser: Browser,
  server: ProductServer,
  meetingId: string,
  shape: LinkShape | null,
): Promise<Condition> {
  const { context, page } = await tablet(browser, server, 'xa.anbinh');
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await openLivePage(page, server.url, meetingId, PAGE_TIMEOUT_MS);
    if (shape) await shapeWhatEmulationMisses(context, shape);
    await emulateLink(cdp, shape);
    const cold = await measureJoin(page, server, meetingId, true);
    const { httpRttMs, wsRttMs } = await linkProbes(page);
    const warm: JoinTimings[] = [];
    for (let i = 0; i < REPEATS; i++) warm.push(await measureJoin(page, server, meetingId, false));
    return { cold, warm, httpRttMs, wsRttMs };
  } finally {
    await context.close();
  }
}

async function baselineMs(browser: Browser, server: ProductServer): Promise<number[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Any page of a loopback origin (a secure context, for getUserMedia) without the app running in it.
    await page.goto(`${server.url}/api/health`);
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) times.push(await localLoopbackFirstFrameMs(page, JOIN_TIMEOUT_MS));
    return times;
  } finally {
    await context.close();
  }
}

const medianOf = (condition: Condition, pick: (t: JoinTimings) => number | null): number => {
  const values = condition.warm.map(pick).filter((v): v is number => v !== null);
  return values.length ? round(median(values)) : -1;
};

/** The flat figures of one condition, prefixed: steps of the join (medians) and the link as measured. */
function figures(prefix: string, condition: Condition): Record<string, number> {
  return {
    [`${prefix}MaxMs`]: round(Math.max(...condition.warm.map((t) => t.firstFrameMs))),
    [`${prefix}ColdMs`]: round(condition.cold.firstFrameMs),
    [`${prefix}JoinedMs`]: medianOf(condition, (t) => t.joinedMs),
    [`${prefix}MediaConnectedMs`]: medianOf(condition, (t) => t.mediaConnectedMs),
    [`${prefix}FirstBytesMs`]: medianOf(condition, (t) => t.firstBytesMs),
    [`${prefix}HttpRttMs`]: round(condition.httpRttMs),
    [`${prefix}SocketRttMs`]: round(condition.wsRttMs),
    [`${prefix}IceRttMs`]: medianOf(condition, (t) => t.iceRttMs),
  };
}

function describe(name: string, condition: Condition): void {
  const list = (pick: (t: JoinTimings) => number) => condition.warm.map((t) => round(pick(t))).join(', ');
  const protocols = [...new Set(condition.warm.map((t) => t.iceProtocol ?? '?'))].join('/');
  console.log(`  ${name}:`);
  console.log(`    first frame      ${list((t) => t.firstFrameMs)}   (cold ${round(condition.cold.firstFrameMs)})`);
  console.log(`    joined           ${list((t) => t.joinedMs)}`);
  console.log(`    media connected  ${list((t) => t.mediaConnectedMs)}`);
  console.log(`    first bytes      ${list((t) => t.firstBytesMs)}`);
  console.log(
    `    link: HTTP ${round(condition.httpRttMs)}, socket.io ${round(condition.wsRttMs)}, ` +
      `ICE (${protocols}) ${list((t) => t.iceRttMs ?? -1)}`,
  );
}

async function main(): Promise<void> {
  // The server's WebRtcServer on a free loopback port (startProductServer passes the env on).
  process.env['MEDIA_WEBRTC_PORT'] = String(await freeMediaPort());
  process.env['MEDIA_LISTEN_IP'] = '127.0.0.1';
  const server = await startProductServer(ROOT);
  let browser: Browser | null = null;
  // Stopped (Ctrl-C, a timeout's SIGTERM): the server and Chromium go too, not left running.
  const stop = (signal: NodeJS.Signals) => {
    void Promise.allSettled([browser?.close(), server.stop()]).then(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    });
    const meetingId = await prepareLiveMeeting(server);
    await startRemotePeer(browser, server, meetingId);

    const baseline = await baselineMs(browser, server);
    const loopback = await measureCondition(browser, server, meetingId, null);
    const slow = await measureCondition(browser, server, meetingId, SLOW_LINK);
    const slowRtt300 = await measureCondition(browser, server, meetingId, SLOW_LINK_RTT_300);

    const loopbackMs = median(loopback.warm.map((t) => t.firstFrameMs));
    const slowLinkMs = median(slow.warm.map((t) => t.firstFrameMs));
    const result = {
      loopbackMs: round(loopbackMs),
      slowLinkMs: round(slowLinkMs),
      slowLinkRtt300Ms: round(median(slowRtt300.warm.map((t) => t.firstFrameMs))),
      baselineLocalPcMs: round(median(baseline)),
      loopbackRatio: Number((loopbackMs / median(baseline)).toFixed(2)),
      slowLinkRatio: Number((slowLinkMs / loopbackMs).toFixed(2)),
      ...figures('loopback', loopback),
      ...figures('slowLink', slow),
      ...figures('slowLinkRtt300', slowRtt300),
      repeats: REPEATS,
      latencyMs: SLOW_LINK.devtoolsLatencyMs,
      kbps: SLOW_LINK.kbps,
    };

    console.log(`join time, tap → first remote frame decoded (median of ${REPEATS}; ms):`);
    describe('loopback', loopback);
    describe(`slow link (DevTools ${SLOW_LINK.devtoolsLatencyMs} ms, ${SLOW_LINK.kbps} kbps)`, slow);
    describe(`slow link, WebRTC round trip 300 ms (DevTools ${SLOW_LINK_RTT_300.devtoolsLatencyMs} ms)`, slowRtt300);
    console.log(`  loopbackMs         ${result.loopbackMs}   (target ≤ 1000)`);
    console.log(`  slowLinkMs         ${result.slowLinkMs}   (target ≤ 3000)`);
    console.log(`  slowLinkRtt300Ms   ${result.slowLinkRtt300Ms}`);
    console.log(
      `  baseline: two local RTCPeerConnections, first frame in ${baseline.map(round).join(', ')} ms → ` +
        `loopbackRatio ${result.loopbackRatio}; slowLinkRatio (vs loopback) ${result.slowLinkRatio}`,
    );
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(join(ROOT, 'bench/results/join.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
