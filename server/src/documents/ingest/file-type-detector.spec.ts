import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { utils as cfbUtils, write as writeCfb } from 'cfb';

import { detectFileType } from './file-type-detector';
import { ingestOptions, ZipLimits } from './ingest-options';
import { IngestError } from './ingest.types';
import { makeDocx, makeOdt, makeXlsx } from './testing/office-fixtures';
import { buildRawZip, buildZip, deflatedZeros } from './testing/zip-writer';

const MiB = 1024 * 1024;

describe('detectFileType (from content, never the name)', () => {
  let dir: string;
  const limits: ZipLimits = ingestOptions().zip;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'detect-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function detect(name: string, bytes: Buffer, zipLimits = limits) {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return detectFileType(path, zipLimits);
  }
  async function failure(name: string, bytes: Buffer, zipLimits = limits): Promise<IngestError> {
    const error = await detect(name, bytes, zipLimits).then(
      (type) => new Error(`detected ${type.kind}`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }

  function ole(streams: Record<string, Buffer>): Buffer {
    const container = cfbUtils.cfb_new();
    for (const [name, content] of Object.entries(streams)) cfbUtils.cfb_add(container, `/${name}`, content);
    return Buffer.from(writeCfb(container, { type: 'buffer' }) as Uint8Array);
  }

  describe('PDF', () => {
    it('finds %PDF- within the first kilobyte, even after junk', async () => {
      await expect(detect('a.bin', Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).resolves.toEqual({
        kind: 'pdf',
        mimeType: 'application/pdf',
      });
      await expect(
        detect('b.bin', Buffer.concat([Buffer.alloc(700, 0x20), Buffer.from('%PDF-1.4')])),
      ).resolves.toMatchObject({ kind: 'pdf' });
    });

    it('does not look for the header beyond the first kilobyte', async () => {
      const error = await failure('late.pdf', Buffer.concat([Buffer.alloc(2000, 0x41), Buffer.from('%PDF-1.4')]));
      expect(error.reason).toBe('unsupported_type');
    });
  });

  describe('refusals', () => {
    it('refuses a zero-byte file as empty, with a bilingual message', async () => {
      const error = await failure('empty.pdf', Buffer.alloc(0));
      expect(error.reason).toBe('empty');
      expect(error.message).toMatch(/^Tệp rỗng .+ \/ The file is empty/);
    });

    it('refuses garbage and other formats as unsupported_type, whatever their name', async () => {
      expect((await failure('scan.pdf', Buffer.from('Đây không phải PDF, chỉ là văn bản.'))).reason).toBe(
        'unsupported_type',
      );
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      expect((await failure('photo.docx', png)).reason).toBe('unsupported_type');
    });
  });

  describe('ZIP-based formats (read in place with yauzl)', () => {
    it('tells DOCX, XLSX, PPTX and ODT apart by their parts', async () => {
      await expect(detect('report.pdf', makeDocx(['Quyết định']))).resolves.toEqual({
        kind: 'docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
      await expect(detect('x', makeXlsx([['Ngân sách']]))).resolves.toMatchObject({ kind: 'xlsx' });
      const pptx = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'ppt/presentation.xml', data: Buffer.from('<p:presentation/>') },
      ]);
      await expect(detect('slides', pptx)).resolves.toMatchObject({
        kind: 'pptx',
        mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      });
      await expect(detect('minutes', makeOdt(['Biên bản']))).resolves.toEqual({
        kind: 'odt',
        mimeType: 'application/vnd.oasis.opendocument.text',
      });
    });

    it('refuses other archives: a plain zip, an ODF spreadsheet', async () => {
      const plain = buildZip([{ name: 'photos/a.jpg', data: Buffer.from('jpeg') }]);
      expect((await failure('plain.docx', plain)).reason).toBe('unsupported_type');
      const ods = buildZip([
        { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), method: 'store' },
        { name: 'content.xml', data: Buffer.from('<x/>') },
      ]);
      expect((await failure('sheet.odt', ods)).reason).toBe('unsupported_type');
    });

    it('calls a truncated archive corrupt', async () => {
      const docx = makeDocx(['Quyết định '.repeat(500)]);
      expect((await failure('cut.docx', docx.subarray(0, docx.length - 40))).reason).toBe('corrupt');
    });

    it('refuses a ZIP bomb disguised as DOCX that declares gigabytes', async () => {
      // 2 GiB of zeros in ~2 MB: over the 1 GiB total a document may expand to.
      const bomb = buildRawZip([
        { name: '[Content_Types].xml', compressed: Buffer.from('<Types/>'), method: 0, crc: 0, declaredSize: 8 },
        { name: 'word/document.xml', compressed: deflatedZeros(2048), method: 8, crc: 0, declaredSize: 2048 * MiB },
      ]);
      expect(bomb.length).toBeLessThan(3 * MiB);
      const started = Date.now();
      const error = await failure('bomb.docx', bomb);
      expect(error.reason).toBe('zip_bomb');
      expect(error.message).toContain(' / Suspicious archive');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('refuses one big entry compressed beyond 200:1, even under the total limit', async () => {
      const bomb = buildRawZip([
        { name: '[Content_Types].xml', compressed: Buffer.from('<Types/>'), method: 0, crc: 0, declaredSize: 8 },
        { name: 'word/document.xml', compressed: deflatedZeros(300), method: 8, crc: 0, declaredSize: 300 * MiB },
      ]);
      const error = await failure('ratio.docx', bomb);
      expect(error.reason).toBe('zip_bomb');
      expect(error.detail).toMatch(/ratio \d+:1/);
    });

    it('refuses an archive that lies about its sizes, found by inflating it in memory', async () => {
      const liar = buildRawZip([
        { name: '[Content_Types].xml', compressed: Buffer.from('<Types/>'), method: 0, crc: 0, declaredSize: 8 },
        // Declares 1 KB, inflates to 50 MiB.
        { name: 'word/document.xml', compressed: deflatedZeros(50), method: 8, crc: 0, declaredSize: 1024 },
      ]);
      const error = await failure('liar.docx', liar);
      expect(error.reason).toBe('zip_bomb');
      expect(error.detail).toContain('too many bytes');
    });

    it('refuses an archive with too many entries before reading them', async () => {
      const many = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        ...Array.from({ length: 20 }, (_, i) => ({ name: `word/part${i}.xml`, data: Buffer.from('<p/>') })),
      ]);
      const error = await failure('many.docx', many, { ...limits, maxEntries: 10 });
      expect(error.reason).toBe('zip_bomb');
      expect(error.detail).toBe('21 entries > 10');
    });
  });

  describe('OLE2 compound files (DOC / XLS / PPT)', () => {
    it('tells Word, Excel and PowerPoint apart by their streams', async () => {
      await expect(detect('a', ole({ WordDocument: Buffer.alloc(600), '1Table': Buffer.alloc(600) }))).resolves.toEqual(
        {
          kind: 'doc',
          mimeType: 'application/msword',
        },
      );
      await expect(detect('b', ole({ Workbook: Buffer.alloc(600) }))).resolves.toMatchObject({ kind: 'xls' });
      await expect(detect('c', ole({ Book: Buffer.alloc(600) }))).resolves.toMatchObject({ kind: 'xls' });
      await expect(detect('d', ole({ 'PowerPoint Document': Buffer.alloc(600) }))).resolves.toMatchObject({
        kind: 'ppt',
        mimeType: 'application/vnd.ms-powerpoint',
      });
    });

    it('calls a password-protected DOCX/XLSX (an OLE2 EncryptedPackage) and an encrypted DOC encrypted', async () => {
      const protectedOoxml = ole({ EncryptionInfo: Buffer.alloc(600), EncryptedPackage: Buffer.alloc(600) });
      expect((await failure('secret.docx', protectedOoxml)).reason).toBe('encrypted');
      const fib = Buffer.alloc(600);
      fib[0x0b] = 0x01; // FibBase.fEncrypted
      expect((await failure('secret.doc', ole({ WordDocument: fib }))).reason).toBe('encrypted');
    });

    it('refuses other compound files and calls a broken one corrupt', async () => {
      expect((await failure('mail.msg', ole({ __substg1: Buffer.alloc(600) }))).reason).toBe('unsupported_type');
      const broken = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(100, 0xff)]);
      expect((await failure('broken.doc', broken)).reason).toBe('corrupt');
    });
  });
});
