import { execFile } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { loadConfig } from '../../config/app-config';
import { DocumentIngestService } from './document-ingest.service';
import { IngestError, IngestProgress } from './ingest.types';
import { solidPng } from './testing/image-fixtures';
import { makeDocx, makeOdt, makeXlsx } from './testing/office-fixtures';
import { isProcessAlive } from './testing/process-probe';
import { buildRawZip, deflatedZeros } from './testing/zip-writer';

const run = promisify(execFile);
const PARAGRAPHS = ['Quyết định số 15/QĐ-UBND', 'Về việc phê duyệt kế hoạch đầu tư công năm 2027 của xã An Bình.'];

// Each LibreOffice run takes 1-2 s on an idle 2-core machine, several times that on a busy one.
jest.setTimeout(60_000);

describe('DocumentIngestService with Office documents (real LibreOffice)', () => {
  let dir: string;
  let service: DocumentIngestService;
  let docx: string;
  let workCount = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-office-'));
    service = new DocumentIngestService(loadConfig({}));
    docx = join(dir, 'quyet-dinh.docx');
    await writeFile(docx, makeDocx(PARAGRAPHS));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const workDir = () => join(dir, `work-${++workCount}`);

  async function fileIn(name: string, bytes: Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  /** A stand-in for soffice: records that it ran (with its pid), then runs `body`. */
  async function fakeSoffice(name: string, body: string): Promise<{ path: string; log: string }> {
    const path = join(dir, `${name}.sh`);
    const log = join(dir, `${name}.log`);
    await writeFile(path, `#!/bin/sh\necho $$ >> '${log}'\n${body}\n`, { mode: 0o755 });
    return { path, log };
  }

  it('converts a DOCX to a linearized PDF and finds its Vietnamese text', async () => {
    const progress: IngestProgress[] = [];
    const work = workDir();
    const result = await service.ingest(docx, work, (p) => progress.push(p));
    expect(result.kind).toBe('docx');
    expect(result.pageCount).toBe(1);
    expect(result.thumbnailPaths).toHaveLength(1);
    expect(result.pageTexts[0]).toContain('Quyết định số 15/QĐ-UBND');
    expect(result.pageTexts[0]).toContain('xã An Bình');
    const linearization = await run('qpdf', ['--check-linearization', result.pdfPath]);
    expect(linearization.stdout).toContain('no linearization errors');
    expect(progress.map((p) => p.stage)).toContain('converting');
    expect((await readdir(work)).sort()).toEqual(['linearized.pdf', 'thumbnails']);
  });

  it('converts an ODT, an XLSX and a DOC (an OLE2 file made by LibreOffice from the DOCX)', async () => {
    const odt = await fileIn('bien-ban.odt', makeOdt(PARAGRAPHS));
    const xlsx = await fileIn('ngan-sach.xlsx', makeXlsx([['Ngân sách xã'], ['Đường giao thông'], ['1.250']]));
    await run('soffice', [
      `-env:UserInstallation=file://${join(dir, 'doc-profile')}`,
      '--headless',
      '--convert-to',
      'doc:MS Word 97',
      '--outdir',
      dir,
      docx,
    ]);
    const doc = join(dir, 'quyet-dinh.doc');

    const fromOdt = await service.ingest(odt, workDir());
    expect(fromOdt.kind).toBe('odt');
    expect(fromOdt.pageTexts[0]).toContain('Quyết định số 15/QĐ-UBND');

    const fromXlsx = await service.ingest(xlsx, workDir());
    expect(fromXlsx.kind).toBe('xlsx');
    expect(fromXlsx.pageTexts.join('\f')).toContain('Ngân sách xã');
    expect(fromXlsx.pageTexts.join('\f')).toContain('Đường giao thông');

    const fromDoc = await service.ingest(doc, workDir());
    expect(fromDoc.kind).toBe('doc');
    expect(fromDoc.pageTexts[0]).toContain('xã An Bình');
  });

  it('does not let a document pull a linked local file into its PDF', async () => {
    // Without the hardened profile LibreOffice embeds file:/// images: a way to read server files.
    const secret = join(dir, 'secret.png');
    await writeFile(secret, solidPng(64, 64));
    const linked = await fileIn(
      'linked.odt',
      makeOdt(
        ['Văn bản có ảnh liên kết'],
        `<text:p><draw:frame draw:name="i1" svg:width="4cm" svg:height="4cm"><draw:image xlink:href="file://${secret}" ` +
          'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>',
      ),
    );
    const result = await service.ingest(linked, workDir());
    expect(result.pageTexts[0]).toContain('Văn bản có ảnh liên kết');
    const images = await run('pdfimages', ['-list', result.pdfPath]);
    expect(images.stdout.trim().split('\n')).toHaveLength(2); // the header lines only: no image
  });

  it('kills a conversion that hangs after CONVERSION_TIMEOUT_SECONDS: timeout, process gone, nothing left', async () => {
    const soffice = await fakeSoffice('hanging-soffice', 'sleep 60 &\necho $! >> "$0.children"\nwait');
    const impatient = new DocumentIngestService(loadConfig({ CONVERSION_TIMEOUT_SECONDS: '1' }), {
      soffice: soffice.path,
    });
    const work = workDir();
    const started = Date.now();
    const error = await impatient.ingest(docx, work).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect((error as IngestError).message).toBe(
      'Xử lý tài liệu quá thời gian cho phép / Processing the document took too long',
    );
    const [pid] = (await readFile(soffice.log, 'utf8')).trim().split('\n').map(Number);
    const [child] = (await readFile(`${soffice.path}.children`, 'utf8')).trim().split('\n').map(Number);
    expect(isProcessAlive(pid)).toBe(false);
    await waitUntil(() => !isProcessAlive(child));
    await expect(readdir(work)).resolves.toEqual([]);
  });

  it('reports conversion_failed when LibreOffice produces no PDF', async () => {
    const soffice = await fakeSoffice('failing-soffice', 'echo "Error: source file could not be loaded"\nexit 0');
    const broken = new DocumentIngestService(loadConfig({}), { soffice: soffice.path });
    const work = workDir();
    const error = await broken.ingest(docx, work).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'conversion_failed' });
    expect((error as IngestError).detail).toContain('source file could not be loaded');
    await expect(readdir(work)).resolves.toEqual([]);
  });

  it('refuses a ZIP bomb disguised as DOCX before LibreOffice is started', async () => {
    const soffice = await fakeSoffice('watching-soffice', 'exit 1');
    const watched = new DocumentIngestService(loadConfig({}), { soffice: soffice.path });
    const bomb = await fileIn(
      'bomb.docx',
      buildRawZip([
        { name: '[Content_Types].xml', compressed: Buffer.from('<Types/>'), method: 0, crc: 0, declaredSize: 8 },
        {
          name: 'word/document.xml',
          compressed: deflatedZeros(2048),
          method: 8,
          crc: 0,
          declaredSize: 2048 * 1024 * 1024,
        },
      ]),
    );
    const work = workDir();
    const error = await watched.ingest(bomb, work).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'zip_bomb' });
    await expect(access(soffice.log)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readdir(work)).resolves.toEqual([]);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
