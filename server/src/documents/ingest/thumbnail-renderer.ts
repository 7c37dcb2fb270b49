import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { ingestError, toolDetail } from './ingest-errors';
import { runTool } from './run-tool';

export interface ThumbnailJob {
  pdftoppm: string;
  pdfPath: string;
  outDir: string;
  pageCount: number;
  /** Longest side in pixels. */
  size: number;
  processes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with the number of thumbnails written so far. */
  onPages?: (done: number) => void;
}

const PREFIX = 'page';
/** Below this many pages per process, starting another pdftoppm costs more than it saves. */
const MIN_PAGES_PER_PROCESS = 8;
/** pdftoppm -progress prints "<page> <last page> <file>" to stderr after writing each page. */
const PROGRESS_LINE = /^\d+ \d+ .+\.png$/;

/**
 * One PNG per page, the longest side `size` px. Rendering is the slow part of ingest, so the
 * page range is split into contiguous slices rendered by parallel pdftoppm processes (one per
 * core); each prints a line per finished page, which is what the progress counts.
 * Returns the paths in page order (index = page - 1).
 */
export async function renderThumbnails(job: ThumbnailJob): Promise<string[]> {
  await mkdir(job.outDir, { recursive: true });
  let done = 0;
  const slices = pageSlices(job.pageCount, job.processes);
  await Promise.all(
    slices.map(async ([first, last]) => {
      const result = await runTool({
        command: job.pdftoppm,
        args: [
          '-png',
          '-scale-to',
          String(job.size),
          '-f',
          String(first),
          '-l',
          String(last),
          '-progress',
          job.pdfPath,
          join(job.outDir, PREFIX),
        ],
        timeoutMs: job.timeoutMs,
        signal: job.signal,
        onStderrLine: (line) => {
          if (PROGRESS_LINE.test(line)) job.onPages?.(++done);
        },
      });
      if (result.exitCode !== 0) {
        const complaint = result.stderr
          .split('\n')
          .filter((line) => !PROGRESS_LINE.test(line))
          .join('\n');
        throw ingestError('corrupt', toolDetail('pdftoppm', result.exitCode, complaint));
      }
    }),
  );
  return collectPages(job.outDir, job.pageCount);
}

/** Contiguous [first, last] ranges, as even as possible. */
export function pageSlices(pageCount: number, processes: number): Array<[number, number]> {
  const count = Math.max(1, Math.min(processes, Math.floor(pageCount / MIN_PAGES_PER_PROCESS)));
  const slices: Array<[number, number]> = [];
  for (let i = 0, first = 1; i < count; i++) {
    const size = Math.floor(pageCount / count) + (i < pageCount % count ? 1 : 0);
    slices.push([first, first + size - 1]);
    first += size;
  }
  return slices;
}

/** pdftoppm pads page numbers to the width of the page count; read the names back rather than guess. */
async function collectPages(outDir: string, pageCount: number): Promise<string[]> {
  const paths: string[] = new Array(pageCount);
  for (const name of await readdir(outDir)) {
    const match = /^page-(\d+)\.png$/.exec(name);
    const page = match ? Number(match[1]) : 0;
    if (page >= 1 && page <= pageCount) paths[page - 1] = join(outDir, name);
  }
  const missing = paths.length - paths.filter(Boolean).length;
  if (missing > 0) throw ingestError('corrupt', `pdftoppm wrote no thumbnail for ${missing} page(s)`);
  return paths;
}
