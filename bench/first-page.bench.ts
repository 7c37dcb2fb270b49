/**
 * P5: time to the first painted page of a 200-page document on a weak link, and the bytes fetched
 * before that paint. Chromium (Debian's), the built product on loopback, DevTools network emulation
 * at 300 ms latency and 700 kbps. The app itself is already loaded (a tablet opens documents from a
 * running app); only opening the document is measured.
 *   npm run build && npm run bench:first-page     → bench/results/first-page.json
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { ApiSession } from './lib/api-session';
import { openDocumentInReader } from './first-page/reader-flow';
import { uploadAndWaitReady } from './lib/documents-upload';
import { startProductServer } from './lib/product-server';
import { buildReportPdf } from './first-page/report-pdf';

const ROOT = join(__dirname, '..');
const PAGES = 200;
const LATENCY_MS = 300;
const KBPS = 700;

async function main(): Promise<void> {
  const server = await startProductServer(ROOT);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const secretary = await ApiSession.login(server.url, 'thuky', await server.demoPassword('thuky'));
    const [meeting] = await secretary.request<{ id: string }[]>('GET', '/api/meetings');
    const [seeded] = await secretary.request<{ id: string }[]>('GET', `/api/meetings/${meeting.id}/documents`);
    const pdf = await buildReportPdf(PAGES);
    const documentId = await uploadAndWaitReady(secretary, meeting.id, pdf, `Báo cáo ${PAGES} trang.pdf`);

    const delegate = await ApiSession.login(server.url, 'daibieu', await server.demoPassword('daibieu'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    await context.addCookies(delegate.browserCookies());
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');

    const fileRequests = new Map<string, { range: string; bytes: number; end: string }>();
    let bytes = 0;
    let painted = false;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (process.env['BENCH_DEBUG'] && painted === false) console.log(Date.now() % 100000, e.request.url.slice(-90));
      if (e.request.url.includes(`/documents/${documentId}/file`)) {
        const range = Object.entries(e.request.headers).find(([k]) => k.toLowerCase() === 'range')?.[1];
        fileRequests.set(e.requestId, {
          range: `${String(range ?? 'full')} @${Date.now() % 100000}`,
          bytes: 0,
          end: '',
        });
      }
    });
    cdp.on('Network.dataReceived', (e) => {
      const request = fileRequests.get(e.requestId);
      if (!request) return;
      request.bytes += e.encodedDataLength || e.dataLength;
      if (!painted) bytes += e.encodedDataLength || e.dataLength;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const request = fileRequests.get(e.requestId);
      if (request) request.end = `failed ${e.errorText}${e.canceled ? ' (cancelled)' : ''}`;
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (process.env['BENCH_DEBUG'] && painted === false) console.log(Date.now() % 100000, 'finished', e.requestId);
      const request = fileRequests.get(e.requestId);
      if (request) request.end = 'finished';
    });

    const { firstPaintMs } = await openDocumentInReader(
      page,
      server.url,
      meeting.id,
      documentId,
      seeded.id,
      async () => {
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: LATENCY_MS,
          downloadThroughput: (KBPS * 1000) / 8,
          uploadThroughput: (KBPS * 1000) / 8,
        });
      },
    );
    painted = true;
    if (process.env['BENCH_DEBUG']) console.log([...fileRequests.values()]);

    // Baseline in the same run, same link: what a plain viewer does, fetch the whole file first.
    const fileUrl = `/api/meetings/${meeting.id}/documents/${documentId}/file`;
    const baseline = await page.evaluate(async (url) => {
      const started = performance.now();
      const res = await fetch(url, { cache: 'no-store' });
      const size = (await res.arrayBuffer()).byteLength;
      return { ms: performance.now() - started, size };
    }, fileUrl);
    // The served file is the linearized copy, not the upload: ratios are against what is served.
    const fileBytes = baseline.size;

    const result = {
      firstPaintMs: Math.round(firstPaintMs),
      bytesBeforePaint: bytes,
      fileBytes,
      bytesRatio: Number((bytes / fileBytes).toFixed(4)),
      baselineFullFileMs: Math.round(baseline.ms),
      timeRatio: Number((firstPaintMs / baseline.ms).toFixed(4)),
    };
    console.log(
      `first page of a ${PAGES}-page, ${(fileBytes / 1e6).toFixed(1)} MB document at ${LATENCY_MS} ms / ${KBPS} kbps:`,
    );
    console.log(`  firstPaintMs      ${result.firstPaintMs}   (target ≤ 2000)`);
    console.log(`  bytesBeforePaint  ${result.bytesBeforePaint} of ${result.fileBytes}`);
    console.log(`  bytesRatio        ${result.bytesRatio}   (target ≤ 0.15)`);
    console.log(
      `  baseline: the whole file over the same link in ${result.baselineFullFileMs} ms → timeRatio ${result.timeRatio}`,
    );
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(join(ROOT, 'bench/results/first-page.json'), JSON.stringify(result, null, 2) + '\n');
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
