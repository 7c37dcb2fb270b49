import { open } from 'node:fs/promises';

import type { FastOpenHint } from '@app/shared';

import { toolDetail } from './ingest-errors';
import { QpdfRun } from './pdf-tools';
import { runTool } from './run-tool';

/** A longer tail is not worth prefetching whole: the hint then covers the main xref only. */
export const FAST_OPEN_MAX_TAIL_BYTES = 1024 * 1024;
/**
 * Bytes of data pdf.js does not need (e.g. the last page's own scan) the tail may take in to reach
 * one more object it does need. Beyond that, pdf.js fetching the object by itself, one more round
 * trip, costs less: on a 300 ms / 700 kbps link a round trip is worth ~26 KB of transfer.
 */
export const FAST_OPEN_MAX_GAP_BYTES = 32 * 1024;
/** The linearization dictionary must be the first object, within the first 1024 bytes. */
const HEAD_PROBE_BYTES = 1024;
const MAX_TREE_DEPTH = 32;
/** Caps on qpdf's stdout: `--show-xref` prints ~40 bytes an object, the JSON ~500 (6 MB for 5,000 text pages). */
const XREF_MAX_STDOUT = 32 * 1024 * 1024;
const JSON_MAX_STDOUT = 32 * 1024 * 1024;
const QPDF_OK = new Set([0, 3]);

type PdfValue = string | number | boolean | null | PdfValue[] | PdfDict;
interface PdfDict {
  [key: string]: PdfValue;
}

/**
 * Where pdf.js finds what it reads before painting page 1 of a linearized PDF, so a client can
 * fetch both ranges at once: the first-page section [0, /E), and a tail from the main xref (the
 * first-page trailer's /Prev) pulled down to the page-tree objects `checkLastPage` fetches: each
 * node on the way from the root /Pages to the last page, every kid of those nodes, and the last
 * page itself (an object in an object stream counts at its stream). Objects already inside the
 * first-page section do not count. The tail reaches down from the xref to those objects only across
 * small gaps (FAST_OPEN_MAX_GAP_BYTES) and up to 1 MiB: a big last page, or pages spread over the
 * file, are left for pdf.js to fetch. A tree this cannot follow gives the xref alone. Null when the file is not linearized; throws when qpdf fails.
 *
 * Two qpdf runs side by side: `--show-xref` for offsets, and one JSON dump of every object's
 * dictionary (qpdf's JSON mode reads every object even for a single `--json-object`, so walking
 * the tree with one run per level would cost more: ~0.5 s a run for 5,000 pages, the dump ~1 s).
 */
export async function fastOpenHint(pdfPath: string, run: QpdfRun): Promise<FastOpenHint | null> {
  const head = await readHead(pdfPath);
  const linearization = firstObjectRef(head.bytes);
  if (!linearization) return null;
  const qpdf = (args: string[], maxStdoutBytes: number) => runQpdf(run, [...args, pdfPath], maxStdoutBytes);
  const [objects, offsets] = await Promise.all([allObjects(qpdf), xrefOffsets(qpdf)]);

  const dict = objects.get(linearization);
  const trailer = objects.get('trailer');
  const fileBytes = head.size;
  if (!dict || !isPositiveInteger(dict['/Linearized']) || dict['/L'] !== fileBytes) return null;
  const headEnd = dict['/E'];
  const pages = dict['/N'];
  const xref = trailer?.['/Prev'];
  if (!isPositiveInteger(headEnd) || headEnd > fileBytes || !isPositiveInteger(pages)) return null;
  if (!isPositiveInteger(xref) || xref >= fileBytes) return null;

  const catalog = objects.get(refOf(trailer?.['/Root']) ?? '');
  const path = lastPagePath(objects, catalog?.['/Pages'], pages - 1) ?? [];
  const needed = path.map((ref) => offsets.get(ref) ?? NaN);
  if (needed.some(Number.isNaN)) return { headEnd, tailStart: xref };
  // Down from the xref, object by object (those in the head need nothing), while the gaps are small.
  let tailStart = xref;
  for (const offset of needed.filter((o) => o >= headEnd && o < xref).sort((a, b) => b - a)) {
    if (tailStart - offset > FAST_OPEN_MAX_GAP_BYTES || fileBytes - offset > FAST_OPEN_MAX_TAIL_BYTES) break;
    tailStart = offset;
  }
  return { headEnd, tailStart };
}

/**
 * The objects pdf.js fetches to reach page `index` (0-based) the way its `Catalog.getPageDict`
 * does: the root node, then at each node every kid up to the one holding the page, skipping
 * subtrees by their /Count. Null when the tree is one this does not follow (indirect /Kids or
 * /Count, a cycle, a wrong count).
 */
function lastPagePath(objects: Map<string, PdfDict>, root: PdfValue | undefined, index: number): string[] | null {
  const rootRef = refOf(root);
  if (!rootRef) return null;
  const path = [rootRef];
  let node = objects.get(rootRef);
  let remaining = index;
  for (let depth = 0; depth < MAX_TREE_DEPTH && node; depth++) {
    const kids = node['/Kids'];
    if (!Array.isArray(kids)) return null;
    let next: PdfDict | undefined;
    for (const kid of kids) {
      const ref = refOf(kid);
      const dict = objects.get(ref ?? '');
      if (!ref || !dict) return null;
      path.push(ref);
      if (dict['/Type'] === '/Page' || !('/Kids' in dict)) {
        if (remaining === 0) return path;
        remaining -= 1;
        continue;
      }
      const count = dict['/Count'];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
      if (remaining < count) {
        next = dict;
        break;
      }
      remaining -= count;
    }
    node = next;
  }
  return null;
}

async function readHead(pdfPath: string): Promise<{ bytes: Buffer; size: number }> {
  const file = await open(pdfPath, 'r');
  try {
    const { size } = await file.stat();
    const bytes = Buffer.alloc(Math.min(size, HEAD_PROBE_BYTES));
    await file.read(bytes, 0, bytes.length, 0);
    return { bytes, size };
  } finally {
    await file.close();
  }
}

/** "N G R" of the object right after the header (and its binary comment), if it is a linearization dict. */
function firstObjectRef(head: Buffer): string | null {
  const match = /^%PDF-\d\.\d[^\r\n]*\s+(?:%[^\r\n]*\s+)*(\d+)\s+(\d+)\s+obj\s*<<[^>]*\/Linearized\b/.exec(
    head.toString('latin1'),
  );
  return match ? `${match[1]} ${match[2]} R` : null;
}

/** Byte offset of each object ("N G R"); one in an object stream gets its stream's. */
async function xrefOffsets(qpdf: (args: string[], maxStdoutBytes: number) => Promise<string>) {
  const direct = new Map<string, number>();
  const inStream = new Map<string, string>();
  for (const line of (await qpdf(['--show-xref'], XREF_MAX_STDOUT)).split('\n')) {
    const match = /^(\d+)\/(\d+): (?:uncompressed; offset = (\d+)|compressed; stream = (\d+),)/.exec(line);
    if (!match) continue;
    const ref = `${match[1]} ${match[2]} R`;
    if (match[3] !== undefined) direct.set(ref, Number(match[3]));
    else inStream.set(ref, `${match[4]} 0 R`);
  }
  for (const [ref, stream] of inStream) {
    const offset = direct.get(stream);
    if (offset !== undefined) direct.set(ref, offset);
  }
  return direct;
}

/** The dictionary (a stream's dict) of every object ("N G R"), and "trailer", from qpdf's JSON. */
async function allObjects(
  qpdf: (args: string[], maxStdoutBytes: number) => Promise<string>,
): Promise<Map<string, PdfDict>> {
  const json = JSON.parse(await qpdf(['--json=2', '--json-key=qpdf'], JSON_MAX_STDOUT)) as {
    qpdf: [unknown, Record<string, { value?: PdfValue; stream?: { dict?: PdfValue } }>];
  };
  const found = new Map<string, PdfDict>();
  for (const [key, entry] of Object.entries(json.qpdf[1] ?? {})) {
    const value = entry.value ?? entry.stream?.dict;
    if (isDict(value)) found.set(key.replace(/^obj:/, ''), value);
  }
  return found;
}

async function runQpdf(run: QpdfRun, args: string[], maxStdoutBytes: number): Promise<string> {
  const result = await runTool({ ...run, command: run.qpdf, args, maxStdoutBytes });
  if (!QPDF_OK.has(result.exitCode ?? -1)) {
    throw new Error(toolDetail(`qpdf ${args[0]}`, result.exitCode, result.stderr));
  }
  return result.stdout.toString('utf8');
}

function refOf(value: PdfValue | undefined): string | null {
  return typeof value === 'string' && /^\d+ \d+ R$/.test(value) ? value : null;
}

function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: PdfValue | undefined): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
