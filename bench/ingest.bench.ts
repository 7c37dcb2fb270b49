/**
 * P6 — npm run bench:ingest: a generated 200-page Vietnamese PDF from upload to ready, through the
 * built product over loopback HTTP (multipart upload, then the document's status polled every
 * 100 ms until `ready`: detect, inspect, linearize, one thumbnail per page, text per page, stored).
 * Baseline in the same run: the bare tools doing the same work one after another, as a shell user
 * would. Writes bench/results/ingest.json. Needs `npm run build` first.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { makeVietnamesePdf } from '../server/src/documents/ingest/testing/pdf-fixtures';
import { ApiSession } from './lib/api-session';
import { runBaseline } from './lib/baseline';
import { uploadAndWaitReady } from './lib/documents-upload';
import { startProductServer } from './lib/product-server';
import { median, timed } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const PAGES = 200;
/** Measured rounds after one warm-up round; the median is reported. */
const ROUNDS = 3;
const THUMBNAIL_PX = 240;
const TARGET_INGEST_MS = 10_000;
const TARGET_RATIO = 1.5;
const RESULTS = resolve(__dirname, 'results', 'ingest.json');

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ecab-bench-ingest-'));
  const server = await startProductServer(ROOT);
  try {
    const secretary = await ApiSession.login(server.url, 'thuky', await server.demoPassword('thuky'));
    const [meeting] = await secretary.request<{ id: string }[]>('GET', '/api/meetings');
    const pdf = await makeVietnamesePdf({ pages: PAGES });
    const input = join(dir, 'input.pdf');
    await writeFile(input, pdf);

    const ingestRuns: number[] = [];
    const baselineRuns: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const upload = await timed(() => uploadAndWaitReady(secretary, meeting.id, pdf, `bao-cao-${round}.pdf`));
      const doc = await secretary.request<{ pageCount: number }>(
        'GET',
        `/api/meetings/${meeting.id}/documents/${upload.value}`,
      );
      if (doc.pageCount !== PAGES) throw new Error(`the product reports ${doc.pageCount} pages, not ${PAGES}`);
      const baseline = runBaseline(input, join(dir, `baseline-${round}`), THUMBNAIL_PX);
      if (round === 0) continue; // warm-up: page cache, fonts, first LibreOffice-free ingest
      ingestRuns.push(upload.ms);
      baselineRuns.push(baseline.totalMs);
      console.log(
        `round ${round}: upload→ready ${ms(upload.ms)}  |  baseline ${ms(baseline.totalMs)} ` +
          `(qpdf --linearize ${ms(baseline.linearizeMs)}, pdftoppm ${ms(baseline.thumbnailsMs)}, pdftotext ${ms(baseline.textMs)})`,
      );
    }

    const ingestMs = Math.round(median(ingestRuns));
    const baselineMs = Math.round(median(baselineRuns));
    const ratio = Math.round((ingestMs / baselineMs) * 100) / 100;
    console.log(
      [
        '',
        `A ${PAGES}-page Vietnamese PDF (${(pdf.byteLength / 1e6).toFixed(1)} MB), upload to ready through HTTP, on ${availableParallelism()} cores:`,
        `  ingestMs   ${ingestMs} (median of ${ROUNDS})   target ≤ ${TARGET_INGEST_MS}  ${ingestMs <= TARGET_INGEST_MS ? 'OK' : 'MISSED'}`,
        `  baselineMs ${baselineMs} (qpdf --linearize, pdftoppm -scale-to ${THUMBNAIL_PX}, pdftotext, one after another)`,
        `  ratio      ${ratio}   target ≤ ${TARGET_RATIO}  ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}`,
      ].join('\n'),
    );
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, JSON.stringify({ pages: PAGES, ingestMs, baselineMs, ratio }) + '\n');
    console.log(`  written to ${RESULTS}`);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
