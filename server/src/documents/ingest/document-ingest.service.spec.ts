import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Test } from '@nestjs/testing';

import { loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { DocumentIngestService } from './document-ingest.service';
import { IngestModule } from './ingest.module';
import { IngestError, IngestFailure, IngestProgress } from './ingest.types';
import { makeBlankPdf, makeVietnamesePdf } from './testing/pdf-fixtures';
import { pngSize } from './testing/image-fixtures';

const run = promisify(execFile);
const PAGES = 24;

// Real tools on a shared 2-core machine: leave room for a busy moment.
jest.setTimeout(30_000);

describe('DocumentIngestService with PDFs (real qpdf and poppler)', () => {
  let dir: string;
  let service: DocumentIngestService;
  let vietnamesePdf: string;
  let workCount = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-pdf-'));
    vietnamesePdf = join(dir, 'quyet-dinh.pdf');
    await writeFile(vietnamesePdf, await makeVietnamesePdf({ pages: PAGES }));
    // Through the real module, as the documents feature gets it.
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({})), IngestModule],
    }).compile();
    service = moduleRef.get(DocumentIngestService);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const workDir = () => join(dir, `work-${++workCount}`);

  async function fileIn(name: string, bytes: Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  /** Ingests, expects an IngestError with `reason`, and checks nothing was left in the work folder. */
  async function expectRefused(
    input: string,
    reason: IngestFailure,
    ingest: DocumentIngestService = service,
  ): Promise<IngestError> {
    const work = workDir();
    const error = await ingest.ingest(input, work).then(
      () => new Error('ingested'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ reason });
    expect((error as IngestError).message).toMatch(/^\S.* \/ \S.*/); // 'Vietnamese / English'
    await expect(readdir(work)).resolves.toEqual([]);
    return error as IngestError;
  }

  it('ingests a multi-page Vietnamese PDF: pages, thumbnails, text, linearized', async () => {
    const progress: IngestProgress[] = [];
    const work = workDir();
    const result = await service.ingest(vietnamesePdf, work, (p) => progress.push(p));

    expect(result.kind).toBe('pdf');
    expect(result.pageCount).toBe(PAGES);
    expect(result.thumbnailPaths).toHaveLength(PAGES);
    for (const [i, path] of result.thumbnailPaths.entries()) {
      expect(path).toMatch(new RegExp(`page-0*${i + 1}\\.png$`));
      // A real PNG whose longest side is the thumbnail size (A4 portrait: 170 × 240).
      expect(pngSize(await readFile(path))).toEqual({ width: 170, height: 240 });
    }
    expect(result.pageTexts).toHaveLength(PAGES);
    result.pageTexts.forEach((text, i) => {
      expect(text).toContain(`Quyết định số ${i + 1}/QĐ-UBND`);
      expect(text).toContain('Ủy ban nhân dân huyện');
      expect(text).toBe(text.normalize('NFC'));
    });
    const linearization = await run('qpdf', ['--check-linearization', result.pdfPath]);
    expect(linearization.stdout).toContain('no linearization errors');
    // Where pdf.js finds page 1 (the rule is checked in fast-open-hint.spec.ts).
    const { stdout: shown } = await run('qpdf', ['--show-linearization', result.pdfPath]);
    const headEnd = Number(/first_page_end: (\d+)/.exec(shown)?.[1]);
    expect(result.fastOpen).toEqual({ headEnd, tailStart: expect.any(Number) });
    expect(result.fastOpen?.tailStart).toBeGreaterThanOrEqual(headEnd);
    expect(result.fastOpen?.tailStart).toBeLessThan((await stat(result.pdfPath)).size);

    // Progress: stages in order, percent never going back, ending at 100.
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(['detecting', 'inspecting', 'linearizing', 'thumbnails', 'text', 'done']);
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ stage: 'done', percent: 100 });
    expect(progress.filter((p) => p.stage === 'thumbnails').length).toBeGreaterThan(10);
    // Only the outputs remain: no temp folder.
    expect((await readdir(work)).sort()).toEqual(['linearized.pdf', 'thumbnails']);
  });

  it('ingests a PDF with an owner password only (restrictions, no password to open)', async () => {
    const restricted = join(dir, 'restricted.pdf');
    await run('qpdf', ['--encrypt', '', 'owner', '256', '--print=none', '--', vietnamesePdf, restricted]);
    const result = await service.ingest(restricted, workDir(), () => {
      throw new Error('a broken progress listener must not fail the ingest');
    });
    expect(result.pageCount).toBe(PAGES);
    expect(result.pageTexts[2]).toContain('Quyết định số 3/QĐ-UBND');
  });

  it('repairs a PDF with a broken cross-reference table instead of refusing it', async () => {
    // Shift every object: the xref offsets now point at the wrong bytes, as after a bad FTP transfer.
    const whole = await makeVietnamesePdf({ pages: PAGES, linesPerPage: 5, classicXref: true });
    const header = whole.indexOf('\n') + 1;
    const shifted = Buffer.concat([whole.subarray(0, header), Buffer.from('% padding\n'), whole.subarray(header)]);
    const damaged = await fileIn('damaged-xref.pdf', shifted);
    const { stderr } = await run('qpdf', ['--show-npages', damaged]).catch((e: { stderr: string }) => e);
    expect(stderr).toContain('damaged'); // qpdf warns and rebuilds (exit 3)

    const result = await service.ingest(damaged, workDir());
    expect(result.pageCount).toBe(PAGES);
    expect(result.thumbnailPaths).toHaveLength(PAGES);
    expect(result.pageTexts[PAGES - 1]).toContain(`Quyết định số ${PAGES}/QĐ-UBND`);
    await expect(run('qpdf', ['--check', result.pdfPath])).resolves.toMatchObject({ stderr: '' });
    expect(result.fastOpen).not.toBeNull();
  });

  it('refuses a zero-byte file: empty', async () => {
    await expectRefused(await fileIn('zero.pdf', Buffer.alloc(0)), 'empty');
  });

  it('refuses garbage bytes named .pdf: unsupported_type', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
    await expectRefused(await fileIn('garbage.pdf', garbage), 'unsupported_type');
  });

  it('refuses a truncated PDF: corrupt', async () => {
    const whole = await readFile(vietnamesePdf);
    const error = await expectRefused(await fileIn('truncated.pdf', whole.subarray(0, whole.length / 2)), 'corrupt');
    expect(error.message).toContain('Tệp bị hỏng');
    expect(error.detail).toContain('qpdf');
  });

  it('refuses a PDF that needs a password to open: encrypted', async () => {
    const locked = join(dir, 'locked.pdf');
    await run('qpdf', ['--encrypt', 'u', 'o', '256', '--', vietnamesePdf, locked]);
    await expectRefused(locked, 'encrypted');
  });

  it('refuses more pages than DOCUMENT_MAX_PAGES: too_many_pages', async () => {
    const strict = new DocumentIngestService(loadConfig({ DOCUMENT_MAX_PAGES: '10' }));
    const error = await expectRefused(vietnamesePdf, 'too_many_pages', strict);
    expect(error.message).toContain(`${PAGES} trang`);
    expect(error.message).toContain(`The document has ${PAGES} pages, over the limit of 10`);
  });

  it('refuses a 5,000-page PDF under the default limit quickly, before rendering anything', async () => {
    const huge = await fileIn('5000.pdf', await makeBlankPdf(5000));
    const started = Date.now();
    const error = await expectRefused(huge, 'too_many_pages');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.message).toContain('over the limit of 2000');
  });

  it('stops when the caller aborts mid-way: rejects with the reason, kills the tools, removes the outputs', async () => {
    const controller = new AbortController();
    const reason = new Error('upload replaced');
    const work = workDir();
    const pending = service.ingest(
      vietnamesePdf,
      work,
      (p) => p.stage === 'thumbnails' && controller.abort(reason),
      controller.signal,
    );
    await expect(pending).rejects.toBe(reason);
    await expect(readdir(work)).resolves.toEqual([]);
    const { stdout } = await run('ps', ['-eo', 'args']);
    expect(stdout).not.toContain(vietnamesePdf);
  });

  it('with concurrentJobs 1, queues a second job until the first is done', async () => {
    const queued = new DocumentIngestService(loadConfig({}), { concurrentJobs: 1 });
    const events: string[] = [];
    const first = queued.ingest(vietnamesePdf, workDir(), (p) => p.stage === 'done' && events.push('first done'));
    const second = queued.ingest(
      vietnamesePdf,
      workDir(),
      (p) => p.stage === 'detecting' && events.push('second starts'),
    );
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(events).toEqual(['first done', 'second starts']);
  });

  it('refuses to write its outputs over the input', async () => {
    const work = workDir();
    await expect(service.ingest(join(work, 'linearized.pdf'), work)).rejects.toThrow('lies where ingest writes');
  });
});
