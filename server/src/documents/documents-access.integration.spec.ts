import type {
  AnnotationResponse,
  DocumentDetailResponse,
  DocumentResponse,
  ErrorResponse,
  MeetingResponse,
  ReadReceiptResponse,
  SearchHitResponse,
} from '@app/shared';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { User } from '../people/user.entity';
import { loginAs } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';
import { DocumentProcessingService } from './processing/document-processing.service';
import { getBinary, upload, waitForVersion } from './testing/documents-api';
import { makePdf, pdfText } from './testing/document-fixtures';

describe('document access, serving, search and private notes (seeded demo + a second meeting)', () => {
  let t: TestApp;
  let db: DataSource;
  let secretary: TestAgent;
  let delegate: TestAgent; // Lê Hoàng Phương
  let delegate2: TestAgent; // Phạm Thị Mai
  let outsider: TestAgent; // "khach": not in meeting X, chair of meeting Y
  let meetingX: string;
  let meetingY: string;
  let docX: DocumentResponse; // seeded, "Tờ trình kế hoạch đầu tư công năm 2027"
  let docY: string;
  const users: Record<string, string> = {};
  const docs = (meetingId: string) => `/api/meetings/${meetingId}/documents`;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
    delegate2 = await loginAs(t, 'daibieu2');
    outsider = await loginAs(t, 'khach');
    for (const user of await db.getRepository(User).find()) users[user.username] = user.id;
    meetingX = ((await secretary.get('/api/meetings').expect(200)).body as MeetingResponse[])[0].id;

    // Meeting Y, made directly through the repositories: only "khach" (as its chair) takes part.
    const x = await db.getRepository(Meeting).findOneByOrFail({ id: meetingX });
    const y = await db.getRepository(Meeting).save(
      db.getRepository(Meeting).create({
        title: 'Họp giao ban xã An Bình',
        place: 'UBND xã An Bình',
        mode: 'in_person',
        status: 'scheduled',
        startsAt: x.startsAt,
        endsAt: x.endsAt,
        organiserId: x.organiserId,
      }),
    );
    meetingY = y.id;
    await db.getRepository(Participant).save({ meetingId: meetingY, userId: users.khach, meetingRole: 'chair' });
    const created = (
      await upload(outsider, docs(meetingY), await makePdf([['Biên bản giao ban bí mật xã An Bình']])).expect(201)
    ).body as DocumentDetailResponse;
    docY = created.id;
    await t.app.get(DocumentProcessingService).whenIdle();
    const listed = (await delegate.get(docs(meetingX)).expect(200)).body as DocumentResponse[];
    docX = listed.find((d) => d.title.startsWith('Tờ trình')) ?? listed[0];
    expect(docX.title).toBe('Tờ trình kế hoạch đầu tư công năm 2027');
  });
  afterAll(() => t.close());

  describe('membership', () => {
    it('answers 404 to everything of a meeting the caller does not take part in', async () => {
      const y = docs(meetingY);
      const requests = [
        delegate.get(y),
        delegate.get(`${y}/${docY}`),
        delegate.get(`${y}/${docY}/file`),
        delegate.get(`${y}/${docY}/versions/1/pages/1/thumbnail`),
        delegate.get(`${y}/${docY}/annotations`),
        delegate.post(`${y}/${docY}/annotations`).send({ kind: 'note', version: 1, page: 1, text: 'x' }),
        delegate.get(`${y}/${docY}/my-copy`),
        delegate.get(`/api/meetings/${meetingY}/search?q=giao ban`),
        outsider.get(`${docs(meetingX)}/${docX.id}/file`),
        // A document of Y asked for through meeting X, where the caller does take part: still 404.
        delegate.get(`${docs(meetingX)}/${docY}`),
        delegate.get(`${docs(meetingX)}/${docY}/file`),
        delegate.get(`${docs(meetingX)}/${docY}/versions/1/pages/1/thumbnail`),
      ];
      for (const res of await Promise.all(requests)) {
        expect(res.status).toBe(404);
        expect((res.body as ErrorResponse).code).toBe('NOT_FOUND');
      }
      const hits = (await delegate.get(`/api/meetings/${meetingX}/search?q=giao ban bi mat`).expect(200)).body;
      expect(hits).toEqual([]);
    });

    it('shows a `named` document only to its readers and the organisers', async () => {
      const created = (
        await upload(secretary, docs(meetingX), await makePdf([['Hồ sơ nhân sự dự kiến bổ nhiệm']]), {
          fields: { title: 'Hồ sơ nhân sự', visibility: 'named', readerIds: [users.daibieu] },
        }).expect(201)
      ).body as DocumentDetailResponse;
      expect(created.readerIds).toEqual([users.daibieu]);
      await waitForVersion(secretary, meetingX, created.id, 1);

      const listed = (await delegate.get(docs(meetingX)).expect(200)).body as DocumentResponse[];
      expect(listed.find((d) => d.id === created.id)).toMatchObject({ visibility: 'named', readerIds: null });
      await getBinary(delegate, `${docs(meetingX)}/${created.id}/file`).expect(200);
      const search = (await delegate.get(`/api/meetings/${meetingX}/search?q=bo nhiem`).expect(200)).body;
      expect((search as SearchHitResponse[]).map((h) => h.documentId)).toEqual([created.id]);

      expect(
        ((await delegate2.get(docs(meetingX)).expect(200)).body as DocumentResponse[]).map((d) => d.id),
      ).not.toContain(created.id);
      for (const path of ['', '/file', '/versions/1/pages/1/thumbnail', '/annotations', '/my-copy']) {
        await delegate2.get(`${docs(meetingX)}/${created.id}${path}`).expect(404);
      }
      expect((await delegate2.get(`/api/meetings/${meetingX}/search?q=bo nhiem`).expect(200)).body).toEqual([]);

      // Opening it to everyone makes it visible to the second delegate too.
      await secretary
        .patch(`${docs(meetingX)}/${created.id}`)
        .send({ visibility: 'all' })
        .expect(200);
      await delegate2.get(`${docs(meetingX)}/${created.id}`).expect(200);
    });
  });

  describe('serving the PDF', () => {
    let url: string;
    let full: Buffer;
    let etag: string;

    beforeAll(async () => {
      url = `${docs(meetingX)}/${docX.id}/file`;
      const res = await getBinary(delegate, url).expect(200);
      full = res.body as Buffer;
      etag = res.headers.etag as string;
      expect(res.headers).toMatchObject({
        'accept-ranges': 'bytes',
        'content-type': 'application/pdf',
        'cache-control': expect.stringContaining('private'),
        'content-length': String(full.length),
      });
      expect(res.headers['content-disposition']).toMatch(/^inline; /);
      expect(res.headers['x-document-confidential']).toBeUndefined();
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    });

    it('answers a single Range with 206 and exactly those bytes', async () => {
      const res = await getBinary(delegate, url, { Range: 'bytes=100-1123' }).expect(206);
      expect(res.headers['content-range']).toBe(`bytes 100-1123/${full.length}`);
      expect(res.headers['content-length']).toBe('1024');
      expect((res.body as Buffer).equals(full.subarray(100, 1124))).toBe(true);
      const suffix = await getBinary(delegate, url, { Range: 'bytes=-500' }).expect(206);
      expect((suffix.body as Buffer).equals(full.subarray(full.length - 500))).toBe(true);
      const open = await getBinary(delegate, url, { Range: `bytes=${full.length - 10}-` }).expect(206);
      expect((open.body as Buffer).equals(full.subarray(full.length - 10))).toBe(true);
    });

    it('answers 416 to a range past the end, and the whole file to a stale If-Range', async () => {
      const res = await delegate.get(url).set('Range', `bytes=${full.length}-`).expect(416);
      expect(res.headers['content-range']).toBe(`bytes */${full.length}`);
      // This agent reads every body as bytes (PDFs): the error body is JSON all the same.
      expect(JSON.parse(Buffer.from(res.body as Buffer).toString('utf8'))).toMatchObject({
        code: 'RANGE_NOT_SATISFIABLE',
      });
      const stale = await getBinary(delegate, url, { Range: 'bytes=0-9', 'If-Range': '"stale"' }).expect(200);
      expect((stale.body as Buffer).equals(full)).toBe(true);
    });

    it('answers 304 to If-None-Match with the current ETag', async () => {
      const res = await delegate.get(url).set('If-None-Match', etag).expect(304);
      expect(res.headers.etag).toBe(etag);
      await getBinary(delegate, url, { 'If-None-Match': '"something-else"' }).expect(200);
    });

    it('records read receipts that only the organisers can list', async () => {
      const receipts = (await secretary.get(`${docs(meetingX)}/${docX.id}/receipts`).expect(200))
        .body as ReadReceiptResponse[];
      const [mine] = receipts.filter((r) => r.userId === users.daibieu);
      expect(mine).toMatchObject({ displayName: 'Lê Hoàng Phương', version: 1, unitName: 'Huyện Sông Lam' });
      // The first download, the 416 and the stale If-Range count as openings; ranges further in do not.
      expect(mine.openCount).toBeGreaterThanOrEqual(2);
      expect(Date.parse(mine.lastOpenedAt)).toBeGreaterThanOrEqual(Date.parse(mine.firstOpenedAt));
      await delegate.get(`${docs(meetingX)}/${docX.id}/receipts`).expect(403);
    });
  });

  describe('confidential documents', () => {
    let id: string;
    beforeAll(async () => {
      const res = await upload(secretary, docs(meetingX), await makePdf([['Phương án nhân sự (MẬT)'], ['Trang 2']]), {
        fields: { title: 'Phương án nhân sự', confidential: 'true' },
      }).expect(201);
      id = (res.body as DocumentDetailResponse).id;
      const { document, version } = await waitForVersion(secretary, meetingX, id, 1);
      expect(version).toMatchObject({ status: 'ready', failure: null });
      // Each reader gets a stamped copy: no fast-open hint or size of the bytes stored.
      expect(document).toMatchObject({ currentVersion: 1, fastOpen: null, fileBytes: null });
    });

    it('stamps every page with the reader’s own name, unit and time, and says so in a header', async () => {
      const url = `${docs(meetingX)}/${id}/file`;
      const mine = await getBinary(delegate, url).expect(200);
      expect(mine.headers['x-document-confidential']).toBe('1');
      expect(mine.headers['content-disposition']).toMatch(/^inline; /);
      for (const page of [1, 2]) {
        const text = await pdfText(mine.body as Buffer, page);
        expect(text).toContain('Lê Hoàng Phương');
        expect(text).toContain('Huyện Sông Lam');
        expect(text).not.toContain('Phạm Thị Mai');
      }
      const theirs = await getBinary(delegate2, url).expect(200);
      const theirText = await pdfText(theirs.body as Buffer);
      expect(theirText).toContain('Phạm Thị Mai');
      expect(theirText).not.toContain('Lê Hoàng Phương');
      expect(mine.headers.etag).not.toBe(theirs.headers.etag);

      // The stamped copy is kept: same bytes, same ETag, ranges and 304 work on it.
      const again = await getBinary(delegate, url).expect(200);
      expect((again.body as Buffer).equals(mine.body as Buffer)).toBe(true);
      await delegate
        .get(url)
        .set('If-None-Match', mine.headers.etag as string)
        .expect(304);
      const part = await getBinary(delegate, url, { Range: 'bytes=0-63' }).expect(206);
      expect((part.body as Buffer).equals((mine.body as Buffer).subarray(0, 64))).toBe(true);
    });

    it('stamps the reader’s annotated copy too', async () => {
      await delegate
        .post(`${docs(meetingX)}/${id}/annotations`)
        .send({ kind: 'note', version: 1, page: 1, text: 'Ý kiến riêng về phương án' })
        .expect(201);
      const copy = await getBinary(delegate, `${docs(meetingX)}/${id}/my-copy`).expect(200);
      expect(copy.headers['x-document-confidential']).toBe('1');
      expect(copy.headers['content-disposition']).toMatch(/^inline; /);
      const text = await pdfText(copy.body as Buffer, 1);
      expect(text).toContain('Lê Hoàng Phương');
      expect(text).toContain('Ý kiến riêng về phương án');
    });
  });

  describe('search', () => {
    it('finds pages without diacritics or case and cuts the snippet from the original text', async () => {
      const res = await delegate
        .get(`/api/meetings/${meetingX}/search`)
        .query({ q: 'QUYET DINH ke hoach' })
        .expect(200);
      const hits = res.body as SearchHitResponse[];
      const [hit] = hits.filter((h) => h.documentId === docX.id);
      expect(hit).toMatchObject({ title: docX.title, version: 1, page: 1, matchLength: 19 });
      expect(hit.snippet.slice(hit.matchStart, hit.matchStart + hit.matchLength)).toBe('Quyết định kế hoạch');
      const dd = (await delegate.get(`/api/meetings/${meetingX}/search?q=dong hung`).expect(200)).body;
      expect((dd as SearchHitResponse[]).some((h) => h.snippet.includes('Đông Hưng'))).toBe(true);
    });

    it('validates the query', async () => {
      const short = await delegate.get(`/api/meetings/${meetingX}/search?q=a`).expect(400);
      expect((short.body as ErrorResponse).errors?.[0].path).toBe('q');
      await delegate.get(`/api/meetings/${meetingX}/search?q=${'x'.repeat(101)}`).expect(400);
      await delegate.get(`/api/meetings/${meetingX}/search`).expect(400);
      const limited = await delegate.get(`/api/meetings/${meetingX}/search?q=xa&limit=2`).expect(200);
      expect((limited.body as SearchHitResponse[]).length).toBe(2);
    });
  });

  describe('private notes and highlights', () => {
    let base: string;
    let note: AnnotationResponse;
    beforeAll(() => {
      base = `${docs(meetingX)}/${docX.id}/annotations`;
    });

    it('are created, listed, changed and deleted by their author only', async () => {
      note = (
        await delegate
          .post(base)
          .send({
            kind: 'note',
            version: 1,
            page: 1,
            text: 'Hỏi lại về vốn đối ứng của xã',
            rects: [{ x: 0.1, y: 0.2, w: 0.05, h: 0.03 }],
          })
          .expect(201)
      ).body as AnnotationResponse;
      const highlight = (
        await delegate
          .post(base)
          .send({
            kind: 'highlight',
            version: 1,
            page: 2,
            rects: [{ x: 0.1, y: 0.3, w: 0.6, h: 0.02 }],
            color: '#80D8FF',
          })
          .expect(201)
      ).body as AnnotationResponse;
      expect(highlight).toMatchObject({ kind: 'highlight', color: '#80d8ff', text: null });
      expect(((await delegate.get(base).expect(200)).body as AnnotationResponse[]).map((a) => a.id)).toEqual([
        note.id,
        highlight.id,
      ]);

      expect((await delegate2.get(base).expect(200)).body).toEqual([]);
      await delegate2.patch(`${base}/${note.id}`).send({ text: 'đã sửa' }).expect(404);
      await delegate2.delete(`${base}/${note.id}`).expect(404);
      await secretary.delete(`${base}/${note.id}`).expect(404);

      const changed = await delegate.patch(`${base}/${note.id}`).send({ text: 'Hỏi lại về vốn đối ứng' }).expect(200);
      expect((changed.body as AnnotationResponse).text).toBe('Hỏi lại về vốn đối ứng');
      await delegate.patch(`${base}/${highlight.id}`).send({ rects: [] }).expect(400);
    });

    it('refuses what cannot be drawn', async () => {
      const bad: [object, number, string][] = [
        [{ kind: 'highlight', version: 1, page: 1, rects: [] }, 400, 'rects'],
        [{ kind: 'note', version: 1, page: 1 }, 400, 'text'],
        [{ kind: 'note', version: 1, page: 999, text: 'x' }, 400, 'page'],
        [{ kind: 'highlight', version: 1, page: 1, rects: [{ x: 0.9, y: 0, w: 0.5, h: 0.1 }] }, 400, 'rects.0'],
        [{ kind: 'note', version: 1, page: 1, text: 'x', color: 'red' }, 400, 'color'],
        [{ kind: 'note', version: 9, page: 1, text: 'x' }, 404, ''],
      ];
      for (const [body, status, path] of bad) {
        const res = await delegate.post(base).send(body).expect(status);
        if (path) expect((res.body as ErrorResponse).errors?.[0].path).toBe(path);
      }
      expect(((await delegate.get(base).expect(200)).body as AnnotationResponse[]).length).toBe(2);
    });

    it('are drawn into the author’s own copy of the PDF', async () => {
      const res = await getBinary(delegate, `${docs(meetingX)}/${docX.id}/my-copy`).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await PDFDocument.load(res.body as Buffer);
      const annots = (n: number) => pdf.getPages()[n].node.Annots()?.size() ?? 0;
      expect(annots(0)).toBe(1);
      expect(annots(1)).toBe(1);
      const subtype = (n: number) => {
        const annotations = pdf.getPages()[n].node.Annots();
        return annotations && String(pdf.context.lookup(annotations.get(0), PDFDict).get(PDFName.of('Subtype')));
      };
      expect(subtype(0)).toBe('/Text');
      expect(subtype(1)).toBe('/Highlight');
      expect(await pdfText(res.body as Buffer, 1)).toContain('Hỏi lại về vốn đối ứng');

      // The second delegate's copy carries none of it.
      const theirs = await getBinary(delegate2, `${docs(meetingX)}/${docX.id}/my-copy`).expect(200);
      expect(await pdfText(theirs.body as Buffer, 1)).not.toContain('Hỏi lại');
    });
  });
});
