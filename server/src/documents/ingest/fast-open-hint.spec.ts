import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';

import { FAST_OPEN_MAX_GAP_BYTES, FAST_OPEN_MAX_TAIL_BYTES, fastOpenHint } from './fast-open-hint';
import { balancePageTree } from './page-tree';
import { makeVietnamesePdf } from './testing/pdf-fixtures';

const exec = promisify(execFile);
const RUN = { qpdf: 'qpdf', timeoutMs: 20_000 };
/** 40 pages of ~40 KB of incompressible "scan" each: the pages span far more than 1 MiB. */
const PAGES = 40;

jest.setTimeout(30_000);

describe('fastOpenHint (real qpdf --linearize output)', () => {
  let dir: string;
  let scans: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecab-fast-open-'));
    scans = join(dir, 'scans.pdf');
    await writeFile(scans, await makeScanPdf(PAGES));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** `input` (page tree balanced first if asked) linearized by qpdf, as ingest does. */
  async function linearized(name: string, input: string, options: { balance: boolean; qpdfArgs?: string[] }) {
    let source = input;
    if (options.balance) {
      source = join(dir, `${name}-balanced.pdf`);
      expect(await balancePageTree(input, source)).toBe(true);
    }
    const path = join(dir, `${name}.pdf`);
    await exec('qpdf', ['--linearize', ...(options.qpdfArgs ?? []), source, path]);
    return { path, bytes: await readFile(path), facts: await qpdfFacts(path) };
  }

  it('balanced tree of text pages: the tail holds every object pdf.js reads on its way to the last page', async () => {
    const source = await fileIn('text-source.pdf', await makeVietnamesePdf({ pages: 60, linesPerPage: 30 }));
    const { path, bytes, facts } = await linearized('text', source, { balance: true });
    const hint = await fastOpenHint(path, RUN);

    expect(hint?.headEnd).toBe(facts.firstPageEnd);
    const tailStart = hint?.tailStart ?? NaN;
    const tail = bytes.subarray(tailStart);
    // The main xref (where the first-page trailer's /Prev points) and the final trailer.
    expect(tail.subarray(facts.prev - tailStart).toString('latin1')).toMatch(/^xref\s/);
    expect(tail.toString('latin1')).toMatch(/trailer\s*<<[^]*startxref\s+\d+\s+%%EOF\s*$/);
    // Every object on the way to the last page, and every kid read there, is in the tail...
    const needed = lastPageObjects(await PDFDocument.load(bytes));
    expect(needed.length).toBeGreaterThanOrEqual(5); // root, its two kids, the last page...
    for (const ref of needed) {
      const offset = facts.offsets.get(ref.objectNumber) ?? NaN;
      expect(bytes.subarray(offset, offset + 20).toString('latin1')).toMatch(new RegExp(`^${ref.objectNumber} 0 obj`));
      expect(tail.includes(`${ref.objectNumber} 0 obj`)).toBe(true);
    }
    // ...and nothing before the first of them.
    expect(tailStart).toBe(Math.min(facts.prev, ...needed.map((ref) => facts.offsets.get(ref.objectNumber) ?? NaN)));
  });

  it('a big last page stays out of the tail: pdf.js fetches its dictionary rather than its scan', async () => {
    const { path, bytes, facts } = await linearized('balanced', scans, { balance: true });
    const hint = await fastOpenHint(path, RUN);

    expect(hint?.headEnd).toBe(facts.firstPageEnd);
    const tailStart = hint?.tailStart ?? NaN;
    const tail = bytes.subarray(tailStart);
    expect(tail.subarray(facts.prev - tailStart).toString('latin1')).toMatch(/^xref\s/);
    const [lastPage, ...nodes] = lastPageObjects(await PDFDocument.load(bytes)).reverse();
    // The page-tree nodes sit together before the xref: in.
    for (const ref of nodes) expect(tail.includes(`${ref.objectNumber} 0 obj`)).toBe(true);
    // The last page's ~40 KB scan lies between its dictionary and them: out, dictionary included.
    const lastPageOffset = facts.offsets.get(lastPage.objectNumber) ?? NaN;
    expect(tailStart - lastPageOffset).toBeGreaterThan(FAST_OPEN_MAX_GAP_BYTES);
    expect(bytes.length - tailStart).toBeLessThan(FAST_OPEN_MAX_GAP_BYTES);
  });

  it('an object inside an object stream counts at its stream', async () => {
    const { path, bytes, facts } = await linearized('streams', scans, {
      balance: true,
      qpdfArgs: ['--object-streams=generate'],
    });
    const hint = await fastOpenHint(path, RUN);

    expect(hint?.headEnd).toBe(facts.firstPageEnd);
    const needed = lastPageObjects(await PDFDocument.load(bytes));
    const compressed = needed.filter((ref) => facts.streamOf.has(ref.objectNumber));
    expect(compressed.length).toBeGreaterThan(0); // the /Pages nodes
    const starts = needed.map((ref) => facts.offsets.get(facts.streamOf.get(ref.objectNumber) ?? ref.objectNumber));
    const tailStart = hint?.tailStart ?? NaN;
    // Each needed object is in the head, in the tail (at its stream), or beyond a big gap (the scan).
    for (const offset of starts.map((o) => o ?? NaN)) {
      const placed = offset < facts.firstPageEnd || offset >= tailStart || tailStart - offset > FAST_OPEN_MAX_GAP_BYTES;
      expect(placed).toBe(true);
    }
    expect(starts).toContain(tailStart);
    const tail = bytes.subarray(tailStart);
    for (const ref of compressed) expect(tail.includes(`${facts.streamOf.get(ref.objectNumber)} 0 obj`)).toBe(true);
    // The main cross-reference stream.
    const xref = tail.subarray(facts.prev - tailStart, facts.prev - tailStart + 200).toString('latin1');
    expect(xref).toMatch(/^\d+ 0 obj\s*<<[^]*\/Type\s*\/XRef/);
  });

  it('objects already in the first-page section do not pull the tail down', async () => {
    const source = await fileIn('small-source.pdf', await makeVietnamesePdf({ pages: 2, linesPerPage: 2 }));
    const { path, bytes, facts } = await linearized('small', source, { balance: false });
    const hint = await fastOpenHint(path, RUN);

    // The root /Pages sits in an object stream inside the head; page 2 comes right after /E.
    const [root, , page2] = lastPageObjects(await PDFDocument.load(bytes));
    expect(facts.offsets.get(facts.streamOf.get(root.objectNumber) ?? -1)).toBeLessThan(facts.firstPageEnd);
    expect(hint).toEqual({
      headEnd: facts.firstPageEnd,
      tailStart: Math.min(facts.prev, facts.offsets.get(page2.objectNumber) ?? NaN),
    });
  });

  it('flat /Kids: the pages are spread over the whole file, so the tail stays near the xref', async () => {
    const { path, bytes, facts } = await linearized('flat', scans, { balance: false });
    const hint = await fastOpenHint(path, RUN);

    const needed = lastPageObjects(await PDFDocument.load(bytes));
    expect(needed).toHaveLength(1 + PAGES); // the root and every page
    const first = Math.min(
      ...needed.map((ref) => facts.offsets.get(ref.objectNumber) ?? NaN).filter((o) => o >= facts.firstPageEnd),
    );
    expect(bytes.length - first).toBeGreaterThan(FAST_OPEN_MAX_TAIL_BYTES);
    expect(hint?.headEnd).toBe(facts.firstPageEnd);
    const tailStart = hint?.tailStart ?? NaN;
    expect(tailStart).toBeLessThanOrEqual(facts.prev);
    expect(facts.prev - tailStart).toBeLessThanOrEqual(FAST_OPEN_MAX_GAP_BYTES);
  });

  it('gives null for a PDF that is not linearized', async () => {
    await expect(fastOpenHint(scans, RUN)).resolves.toBeNull();
  });

  it('rejects when qpdf fails (the caller logs it and goes on without a hint)', async () => {
    const { path } = await linearized('no-qpdf', scans, { balance: true });
    await expect(fastOpenHint(path, { ...RUN, qpdf: '/nonexistent/qpdf' })).rejects.toThrow(/could not be started/);
  });

  async function fileIn(name: string, bytes: Uint8Array): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }
});

/** What qpdf says about a linearized file, to check the hint against. */
async function qpdfFacts(path: string) {
  const { stdout: linearization } = await exec('qpdf', ['--show-linearization', path], { maxBuffer: 64 << 20 });
  const { stdout: trailer } = await exec('qpdf', ['--show-object=trailer', path]);
  const { stdout: xref } = await exec('qpdf', ['--show-xref', path], { maxBuffer: 64 << 20 });
  const offsets = new Map<number, number>();
  const streamOf = new Map<number, number>();
  for (const [, object, offset, stream] of xref.matchAll(/^(\d+)\/0: \S+; (?:offset = (\d+)|stream = (\d+))/gm)) {
    if (offset) offsets.set(Number(object), Number(offset));
    else streamOf.set(Number(object), Number(stream));
  }
  return {
    firstPageEnd: Number(/first_page_end: (\d+)/.exec(linearization)?.[1]),
    prev: Number(/\/Prev (\d+)/.exec(trailer)?.[1]),
    offsets,
    streamOf,
  };
}

/**
 * What pdf.js's `checkLastPage` fetches, found with pdf-lib from the page upward: the /Pages
 * nodes above the last page, root first, then every kid of each (the last page among them).
 */
function lastPageObjects(doc: PDFDocument): PDFRef[] {
  const ancestors: PDFRef[] = [];
  let parent = doc.getPages().at(-1)?.node.get(PDFName.of('Parent'));
  while (parent instanceof PDFRef) {
    ancestors.unshift(parent);
    parent = doc.context.lookup(parent, PDFDict).get(PDFName.of('Parent'));
  }
  const kids = ancestors.flatMap((ref) =>
    doc.context
      .lookup(ref, PDFDict)
      .lookup(PDFName.of('Kids'), PDFArray)
      .asArray()
      .filter((kid): kid is PDFRef => kid instanceof PDFRef),
  );
  return [...ancestors, ...kids];
}

/** Pages that each draw ~40 KB of noise (an uncompressed grey image): like scans, it does not shrink. */
async function makeScanPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let n = 0; n < pages; n++) {
    const page = doc.addPage([595, 842]);
    const image = doc.context.register(
      doc.context.stream(randomBytes(200 * 200), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: 200,
        Height: 200,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
      }),
    );
    const name = page.node.newXObject('Scan', image);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(495, 0, 0, 700, 50, 70),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return doc.save({ useObjectStreams: false });
}
