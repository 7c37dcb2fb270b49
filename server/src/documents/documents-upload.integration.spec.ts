import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type {
  DocumentDetailResponse,
  DocumentResponse,
  ErrorResponse,
  MeetingResponse,
  NotificationsPageResponse,
  SearchHitResponse,
} from '@app/shared';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { AuditLogEntry } from '../audit/audit-log-entry.entity';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { loginAs } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';
import { DocumentVersion } from './document-version.entity';
import { MeetingDocument } from './meeting-document.entity';
import { DocumentProcessingService } from './processing/document-processing.service';
import { DocumentStorage } from './storage/document-storage';
import { getBinary, upload, waitForVersion } from './testing/documents-api';
import { encryptPdf, makeDocx, makePdf, makeZipBombDocx, pdfText, PNG_BYTES } from './testing/document-fixtures';

describe('document uploads (real app, real ingest: qpdf, pdftoppm, pdftotext, LibreOffice)', () => {
  let t: TestApp;
  let db: DataSource;
  let secretary: TestAgent;
  let delegate: TestAgent;
  let meetingId: string;
  let documentsUrl: string;
  /** Every ready version stored so far, by URL of its file, with the bytes it served. */
  const stored = new Map<string, Buffer>();

  const file = async (agent: TestAgent, documentId: string, version?: number) =>
    (await getBinary(agent, `${documentsUrl}/${documentId}/file${version ? `?version=${version}` : ''}`).expect(200))
      .body as Buffer;

  async function remember(documentId: string, version: number) {
    stored.set(`${documentId}@${version}`, await file(secretary, documentId, version));
  }

  /** Nothing stored before is lost or changed by what a test did. */
  async function expectStoredIntact() {
    for (const [key, bytes] of stored) {
      const [documentId, version] = key.split('@');
      expect((await file(secretary, documentId, Number(version))).equals(bytes)).toBe(true);
    }
  }

  async function documentCount(): Promise<number> {
    return ((await secretary.get(documentsUrl).expect(200)).body as DocumentResponse[]).length;
  }

  async function tmpUploads(): Promise<string[]> {
    return readdir(t.app.get(DocumentStorage).uploadTmpDir).catch(() => []);
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
    meetingId = ((await secretary.get('/api/meetings').expect(200)).body as MeetingResponse[])[0].id;
    documentsUrl = `/api/meetings/${meetingId}/documents`;
    await t.app.get(DocumentProcessingService).whenIdle();
    for (const document of (await secretary.get(documentsUrl).expect(200)).body as DocumentResponse[]) {
      await remember(document.id, 1);
    }
    expect(stored.size).toBe(2);
  });
  afterAll(() => t.close());

  it('answers 201 with a processing document at once, then shows real progress up to ready', async () => {
    const pdf = await makePdf([
      ['Nghị quyết về dự toán ngân sách năm 2027', 'Điều 1. Thông qua dự toán.'],
      ['Trang hai: Quyết định phân bổ vốn cho các xã.'],
      ['Trang ba: Tổ chức thực hiện.'],
    ]);
    const agendaItem = await db.getRepository(AgendaItem).findOneByOrFail({ meetingId, position: 2 });
    const res = await upload(secretary, documentsUrl, pdf, {
      fileName: 'Nghi-quyet-du-toan.pdf',
      fields: { title: '  Nghị quyết dự toán ngân sách  ', agendaItemId: agendaItem.id },
    }).expect(201);
    const created = res.body as DocumentDetailResponse;
    expect(created).toMatchObject({
      title: 'Nghị quyết dự toán ngân sách',
      agendaItemId: agendaItem.id,
      fileName: 'Nghi-quyet-du-toan.pdf',
      visibility: 'all',
      confidential: false,
      currentVersion: null,
      latestVersion: 1,
      status: 'processing',
      readerIds: [],
    });
    expect(created.versions).toEqual([
      expect.objectContaining({ number: 1, status: 'processing', sizeBytes: pdf.length, sourceKind: 'pdf' }),
    ]);

    const { document, version, seen } = await waitForVersion(secretary, meetingId, created.id, 1);
    expect(version).toMatchObject({ status: 'ready', stage: 'done', progress: 100, pageCount: 3, failure: null });
    const progress = seen.map((v) => v.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(document).toMatchObject({ currentVersion: 1, pageCount: 3, status: 'ready' });

    const served = await file(delegate, created.id);
    expect(served.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(served, 2)).toContain('Quyết định phân bổ vốn');
    // What pdf.js reads before page 1, for the client to prefetch: the first-page section up to
    // the linearization dictionary's /E, and a tail holding the main xref and the trailer.
    expect(document.fileBytes).toBe(served.length);
    const { headEnd = NaN, tailStart = NaN } = document.fastOpen ?? {};
    expect(headEnd).toBe(
      Number(/\/Linearized 1 [^>]*\/E (\d+)/.exec(served.subarray(0, 1024).toString('latin1'))?.[1]),
    );
    expect(tailStart).toBeGreaterThanOrEqual(headEnd);
    expect(served.subarray(tailStart).toString('latin1')).toMatch(/^(xref|\d+ 0 obj)[^]*trailer[^]*%%EOF\s*$/);
    const listed = (await delegate.get(documentsUrl).expect(200)).body as DocumentResponse[];
    expect(listed.find((d) => d.id === created.id)).toMatchObject({
      fastOpen: document.fastOpen,
      fileBytes: served.length,
    });
    const thumbnail = await getBinary(delegate, `${documentsUrl}/${created.id}/versions/1/pages/3/thumbnail`).expect(
      200,
    );
    expect(thumbnail.headers['content-type']).toBe('image/png');
    expect((thumbnail.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    await delegate.get(`${documentsUrl}/${created.id}/versions/1/pages/4/thumbnail`).expect(404);

    const hits = (await delegate.get(`/api/meetings/${meetingId}/search?q=phan bo von cho cac xa`).expect(200))
      .body as SearchHitResponse[];
    expect(hits).toEqual([expect.objectContaining({ documentId: created.id, version: 1, page: 2 })]);
    expect(hits[0].snippet).toContain('Quyết định phân bổ vốn');

    const audit = await db
      .getRepository(AuditLogEntry)
      .findOneByOrFail({ action: 'document.uploaded', subjectId: created.id });
    expect(audit.details).toMatchObject({
      fileName: 'Nghi-quyet-du-toan.pdf',
      sourceKind: 'pdf',
      sizeBytes: pdf.length,
    });
    await remember(created.id, 1);
  });

  it('converts a Word document to PDF and makes its Vietnamese text searchable', async () => {
    const docx = await makeDocx(['Báo cáo thẩm tra', 'Ban Kinh tế – Xã hội đề nghị Hội đồng thông qua Quyết định.']);
    const res = await upload(secretary, documentsUrl, docx, {
      fileName: 'Bao cao tham tra.docx',
      contentType: 'application/octet-stream',
    }).expect(201);
    const created = res.body as DocumentDetailResponse;
    expect(created.title).toBe('Bao cao tham tra');
    expect(created.versions[0].sourceKind).toBe('docx');
    const { version } = await waitForVersion(secretary, meetingId, created.id, 1);
    expect(version).toMatchObject({ status: 'ready', pageCount: 1, sourceKind: 'docx' });
    const served = await getBinary(delegate, `${documentsUrl}/${created.id}/file`).expect(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toContain("filename*=UTF-8''Bao%20cao%20tham%20tra.pdf");
    const hits = (await delegate.get(`/api/meetings/${meetingId}/search?q=BAN KINH TE`).expect(200))
      .body as SearchHitResponse[];
    expect(hits.map((h) => h.documentId)).toContain(created.id);
    expect(hits.find((h) => h.documentId === created.id)?.snippet).toContain('Ban Kinh tế – Xã hội');
    await remember(created.id, 1);
  });

  it('keeps every earlier version (row and file) when a new one is uploaded, and tells the readers', async () => {
    const [first] = (await secretary.get(documentsUrl).expect(200)).body as DocumentResponse[];
    const before = await file(delegate, first.id); // the delegate has read version 1
    const res = await upload(
      secretary,
      `${documentsUrl}/${first.id}/versions`,
      await makePdf([['Bản sửa đổi lần 2']]),
      {
        fileName: 'To-trinh-sua-doi.pdf',
      },
    ).expect(201);
    expect(res.body as DocumentDetailResponse).toMatchObject({
      currentVersion: 1,
      latestVersion: 2,
      status: 'processing',
    });
    // While version 2 is processing, readers keep reading version 1.
    expect(((await delegate.get(documentsUrl).expect(200)).body as DocumentResponse[])[0]).toMatchObject({
      id: first.id,
      currentVersion: 1,
      status: 'ready',
    });
    const { document } = await waitForVersion(secretary, meetingId, first.id, 2);
    expect(document).toMatchObject({ currentVersion: 2, latestVersion: 2, fileName: 'To-trinh-sua-doi.pdf' });
    expect(document.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'ready'],
      [1, 'ready'],
    ]);
    // "New version available": the delegate has only opened version 1 so far.
    const seenByDelegate = (await delegate.get(`${documentsUrl}/${first.id}`).expect(200))
      .body as DocumentDetailResponse;
    expect(seenByDelegate).toMatchObject({ currentVersion: 2, lastOpenedVersion: 1 });
    expect((await file(delegate, first.id, 1)).equals(before)).toBe(true);
    expect(await pdfText(await file(delegate, first.id))).toContain('Bản sửa đổi lần 2');
    expect(
      ((await delegate.get(`${documentsUrl}/${first.id}`).expect(200)).body as DocumentDetailResponse)
        .lastOpenedVersion,
    ).toBe(2);
    const notifications = (await delegate.get('/api/notifications').expect(200)).body as NotificationsPageResponse;
    expect(notifications.items).toContainEqual(
      expect.objectContaining({
        kind: 'document_version_added',
        meetingId,
        title: expect.stringContaining(first.title),
      }),
    );
    const audit = await db
      .getRepository(AuditLogEntry)
      .findOneByOrFail({ action: 'document.version_added', subjectId: first.id });
    expect(audit.details).toMatchObject({ version: 2 });
    await remember(first.id, 2);
    await expectStoredIntact();
  });

  describe('bad input: a clear answer, nothing stored, nothing lost', () => {
    let count: number;
    beforeEach(async () => {
      count = await documentCount();
    });
    afterEach(async () => {
      expect(await tmpUploads()).toEqual([]);
      await expectStoredIntact();
    });

    it('a zero-byte file: 400', async () => {
      const res = await upload(secretary, documentsUrl, Buffer.alloc(0), { fileName: 'rong.pdf' }).expect(400);
      expect(res.body).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'Tệp rỗng (0 byte) / The file is empty (0 bytes)',
        errors: [{ path: 'file', message: 'empty' }],
      });
      expect(await documentCount()).toBe(count);
    });

    it('a PNG sent as application/pdf named .pdf: 415', async () => {
      const res = await upload(secretary, documentsUrl, PNG_BYTES, {
        fileName: 'anh.pdf',
        contentType: 'application/pdf',
      }).expect(415);
      expect(res.body).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        errors: [{ path: 'file', message: 'unsupported_type' }],
      });
      expect((res.body as ErrorResponse).message).toContain('Unsupported file format');
      expect(await documentCount()).toBe(count);
    });

    it('a ZIP bomb disguised as a .docx: 400 before anything is unpacked to disk', async () => {
      const bomb = await makeZipBombDocx();
      expect(bomb.length).toBeLessThan(100_000);
      const res = await upload(secretary, documentsUrl, bomb, {
        fileName: 'Bao-cao.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'file', message: 'zip_bomb' }] });
      expect((res.body as ErrorResponse).message).toContain('Suspicious archive');
      expect(await documentCount()).toBe(count);
    });

    it('no file part, a JSON body, unknown fields, a bad visibility, strangers as readers: 4xx', async () => {
      const noFile = await secretary.post(documentsUrl).field('title', 'x').expect(400);
      expect(noFile.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'file', message: 'Required' }] });
      const json = await secretary.post(documentsUrl).send({ title: 'x' }).expect(415);
      expect((json.body as ErrorResponse).code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const pdf = await makePdf([['x']]);
      const unknown = await upload(secretary, documentsUrl, pdf, { fields: { owner: 'me' } }).expect(400);
      expect((unknown.body as ErrorResponse).code).toBe('VALIDATION_FAILED');
      const visibility = await upload(secretary, documentsUrl, pdf, { fields: { visibility: 'secret' } }).expect(400);
      expect((visibility.body as ErrorResponse).errors?.[0].path).toBe('visibility');
      const stranger = await upload(secretary, documentsUrl, pdf, {
        fields: { visibility: 'named', readerIds: '6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11' },
      }).expect(400);
      expect((stranger.body as ErrorResponse).errors).toEqual([
        { path: 'readerIds', message: expect.stringContaining('6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11') },
      ]);
      expect(await documentCount()).toBe(count);
    });

    it.each([
      ['a corrupt PDF', async () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 'x')]), 'corrupt'],
      [
        'a truncated PDF',
        async () => {
          const pdf = await makePdf([['Một'], ['Hai'], ['Ba']]);
          return pdf.subarray(0, Math.floor(pdf.length * 0.4));
        },
        'corrupt',
      ],
      ['a password-protected PDF', async () => encryptPdf(await makePdf([['Mật']])), 'encrypted'],
    ])('%s: accepted (201), then a failed version that says why', async (_name, make, reason) => {
      const res = await upload(secretary, documentsUrl, await make(), { fileName: 'hong.pdf' }).expect(201);
      const id = (res.body as DocumentDetailResponse).id;
      const { version, document } = await waitForVersion(secretary, meetingId, id, 1);
      expect(version.status).toBe('failed');
      expect(version.failure).toEqual({ reason, message: expect.stringContaining(' / ') });
      expect(document).toMatchObject({ currentVersion: null, status: 'failed' });
      // Readers never see a document that has nothing to read; its file is a clear 409 for organisers.
      await delegate.get(`${documentsUrl}/${id}`).expect(404);
      const fileRes = await secretary.get(`${documentsUrl}/${id}/file`).expect(409);
      expect((fileRes.body as ErrorResponse).code).toBe('CONFLICT');
      await secretary.get('/api/health').expect(200);
      await secretary.delete(`${documentsUrl}/${id}`).expect(204);
    });
  });

  it('cleans the file name: no folders from "../../x.pdf", NFC Vietnamese, and stores by ids only', async () => {
    const pdf = await makePdf([['Tên tệp']]);
    const traversal = await upload(secretary, documentsUrl, pdf, { filePath: '../../x.pdf' }).expect(201);
    const body = traversal.body as DocumentDetailResponse;
    expect(body).toMatchObject({ fileName: 'x.pdf', title: 'x' });
    const storage = t.app.get(DocumentStorage);
    const ref = { meetingId, documentId: body.id, number: 1 };
    await expect(stat(storage.sourcePath(ref, 'pdf'))).resolves.toBeTruthy();
    expect(await readdir(join(t.config.dataDir, '..')).then((names) => names.includes('x.pdf'))).toBe(false);

    const decomposed = 'Tờ trình ngân sách.pdf'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const vietnamese = await upload(secretary, documentsUrl, pdf, { fileName: decomposed }).expect(201);
    expect(vietnamese.body as DocumentDetailResponse).toMatchObject({
      fileName: 'Tờ trình ngân sách.pdf'.normalize('NFC'),
      title: 'Tờ trình ngân sách'.normalize('NFC'),
    });
    await waitForVersion(secretary, meetingId, body.id, 1);
    await waitForVersion(secretary, meetingId, (vietnamese.body as DocumentDetailResponse).id, 1);
  });

  it('on boot, resumes versions a stopped server left processing, and fails those whose file is gone', async () => {
    const storage = t.app.get(DocumentStorage);
    const processing = t.app.get(DocumentProcessingService);
    const pdf = await makePdf([['Tài liệu xử lý dở khi máy chủ dừng']]);
    const make = async (title: string) => {
      const document = await db.getRepository(MeetingDocument).save({
        meetingId,
        title,
        fileName: `${title}.pdf`,
        sizeBytes: pdf.length,
        latestVersion: 1,
      });
      const version = await db.getRepository(DocumentVersion).save({
        documentId: document.id,
        number: 1,
        status: 'processing' as const,
        stage: 'thumbnails' as const,
        progress: 40,
        sourceKind: 'pdf' as const,
        mimeType: 'application/pdf',
        fileName: `${title}.pdf`,
        sizeBytes: pdf.length,
        sha256: 'x'.repeat(64),
      });
      return { document, version, ref: { meetingId, documentId: document.id, number: 1 } };
    };
    const resumed = await make('Dang-xu-ly');
    await mkdir(storage.versionDir(resumed.ref), { recursive: true });
    await writeFile(storage.sourcePath(resumed.ref, 'pdf'), pdf);
    const legacy = await make('Tai-lieu-cu');
    await writeFile(storage.legacyPath(meetingId, legacy.document.id), pdf);
    const lost = await make('Mat-tep');

    await processing.onApplicationBootstrap();
    await processing.whenIdle();
    expect((await waitForVersion(secretary, meetingId, resumed.document.id, 1)).version.status).toBe('ready');
    expect((await waitForVersion(secretary, meetingId, legacy.document.id, 1)).version.status).toBe('ready');
    await expect(stat(storage.legacyPath(meetingId, legacy.document.id))).rejects.toThrow();
    const failed = await waitForVersion(secretary, meetingId, lost.document.id, 1);
    expect(failed.version).toMatchObject({ status: 'failed', failure: { reason: 'interrupted' } });
    for (const { document } of [resumed, legacy, lost])
      await secretary.delete(`${documentsUrl}/${document.id}`).expect(204);
    await expectStoredIntact();
  });

  it('lets only the chair and the secretary upload, edit and delete (403 for a delegate)', async () => {
    const [first] = (await secretary.get(documentsUrl).expect(200)).body as DocumentResponse[];
    const pdf = await makePdf([['x']]);
    for (const res of [
      await upload(delegate, documentsUrl, pdf),
      await upload(delegate, `${documentsUrl}/${first.id}/versions`, pdf),
      await delegate.patch(`${documentsUrl}/${first.id}`).send({ title: 'Đổi tên' }),
      await delegate.delete(`${documentsUrl}/${first.id}`),
    ]) {
      expect(res.status).toBe(403);
      expect((res.body as ErrorResponse).code).toBe('FORBIDDEN');
    }
    expect(await tmpUploads()).toEqual([]);
    await expectStoredIntact();
  });

  it('edits title and access (audited), then deletes a document with its files', async () => {
    const pdf = await makePdf([['Tài liệu tạm']]);
    const id = ((await upload(secretary, documentsUrl, pdf).expect(201)).body as DocumentDetailResponse).id;
    const { document } = await waitForVersion(secretary, meetingId, id, 1);
    expect(document.fastOpen).not.toBeNull();
    const patched = await secretary
      .patch(`${documentsUrl}/${id}`)
      .send({ title: 'Tài liệu đã đổi tên', confidential: true, agendaItemId: null })
      .expect(200);
    // Confidential: each reader is served a stamped copy, whose bytes the hint does not describe.
    expect(patched.body as DocumentDetailResponse).toMatchObject({
      title: 'Tài liệu đã đổi tên',
      confidential: true,
      fastOpen: null,
      fileBytes: null,
    });
    await secretary.patch(`${documentsUrl}/${id}`).send({}).expect(400);
    const actions = (await db.getRepository(AuditLogEntry).findBy({ subjectId: id })).map((e) => e.action).sort();
    expect(actions).toEqual(['document.access_changed', 'document.updated', 'document.uploaded']);

    const dir = t.app.get(DocumentStorage).documentDir(meetingId, id);
    await expect(stat(dir)).resolves.toBeTruthy();
    await secretary.delete(`${documentsUrl}/${id}`).expect(204);
    await secretary.get(`${documentsUrl}/${id}`).expect(404);
    await expect(stat(dir)).rejects.toThrow();
    expect(await db.getRepository(AuditLogEntry).countBy({ subjectId: id, action: 'document.deleted' })).toBe(1);
    await expectStoredIntact();
  });
});
