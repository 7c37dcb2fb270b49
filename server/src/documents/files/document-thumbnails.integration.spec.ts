import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

import type { DocumentDetailResponse, ErrorResponse, MeetingResponse } from '@app/shared';
import { DataSource } from 'typeorm';
import TestAgent from 'supertest/lib/agent';

import { User } from '../../people/user.entity';
import { loginAs } from '../../testing/login';
import { createTestApp, TestApp } from '../../testing/test-app';
import { DocumentVersion } from '../document-version.entity';
import * as runToolModule from '../ingest/run-tool';
import { pngSize } from '../ingest/testing/image-fixtures';
import { DocumentStorage, VersionRef } from '../storage/document-storage';
import { getBinary, upload, waitForVersion } from '../testing/documents-api';
import { makePdf } from '../testing/document-fixtures';

const run = promisify(execFile);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PAGES = [['Phương án nhân sự (MẬT)', 'Dự kiến bổ nhiệm'], ['Trang 2'], ['Trang 3']];

describe('page thumbnails of confidential documents (stamped per reader, real pdftoppm)', () => {
  let t: TestApp;
  let storage: DocumentStorage;
  let secretary: TestAgent;
  let chair: TestAgent;
  let delegate: TestAgent; // A: Lê Hoàng Phương
  let delegate2: TestAgent; // B: Phạm Thị Mai
  let outsider: TestAgent; // "khach": not in the meeting
  let meetingId: string;
  let confidentialId: string;
  let tmp: string;
  const users: Record<string, string> = {};
  const docs = () => `/api/meetings/${meetingId}/documents`;
  const thumb = (documentId: string, page: number, version = 1) =>
    `${docs()}/${documentId}/versions/${version}/pages/${page}/thumbnail`;
  const ref = (documentId: string, number = 1): VersionRef => ({ meetingId, documentId, number });

  async function uploadReady(pages: string[][], fields: Record<string, string | string[]>): Promise<string> {
    const res = await upload(secretary, docs(), await makePdf(pages), { fields }).expect(201);
    const id = (res.body as DocumentDetailResponse).id;
    const { version } = await waitForVersion(secretary, meetingId, id, 1);
    expect(version.status).toBe('ready');
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    storage = t.app.get(DocumentStorage);
    tmp = await mkdtemp(join(tmpdir(), 'stamped-thumbnails-'));
    [secretary, chair, delegate, delegate2, outsider] = await Promise.all(
      ['thuky', 'chutoa', 'daibieu', 'daibieu2', 'khach'].map((username) => loginAs(t, username)),
    );
    for (const user of await t.app.get(DataSource).getRepository(User).find()) users[user.username] = user.id;
    meetingId = ((await secretary.get('/api/meetings').expect(200)).body as MeetingResponse[])[0].id;
    confidentialId = await uploadReady(PAGES, { title: 'Phương án nhân sự', confidential: 'true' });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('gives a delegate a thumbnail of their own stamped copy, organisers the ingest one', async () => {
    const ingest = await readFile(storage.thumbnailPath(ref(confidentialId), 1));
    const bySecretary = await getBinary(secretary, thumb(confidentialId, 1)).expect(200);
    const byChair = await getBinary(chair, thumb(confidentialId, 1)).expect(200);
    for (const res of [bySecretary, byChair]) {
      expect((res.body as Buffer).equals(ingest)).toBe(true);
      expect(res.headers).toMatchObject({ 'content-type': 'image/png', 'x-document-confidential': '1' });
    }
    expect(byChair.headers.etag).toBe(bySecretary.headers.etag);

    const a = await getBinary(delegate, thumb(confidentialId, 1)).expect(200);
    const b = await getBinary(delegate2, thumb(confidentialId, 1)).expect(200);
    const [mine, theirs] = [a.body as Buffer, b.body as Buffer];
    for (const res of [a, b]) {
      expect(res.headers).toMatchObject({
        'content-type': 'image/png',
        'x-document-confidential': '1',
        // Private (never in a shared cache) and revalidated: one URL, an image per reader.
        'cache-control': 'private, no-cache',
      });
      expect((res.body as Buffer).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      // Same size and format as the ingest thumbnails (A4 portrait, longest side 240 px).
      expect(pngSize(res.body as Buffer)).toEqual(pngSize(ingest));
    }
    expect(mine.equals(ingest)).toBe(false);
    expect(mine.equals(theirs)).toBe(false);
    expect(theirs.equals(ingest)).toBe(false);
    expect(new Set([a.headers.etag, b.headers.etag, bySecretary.headers.etag]).size).toBe(3);

    // The watermark is visible: red-tinted pixels, which the black-on-white ingest thumbnail has none of.
    expect(reddishPixels(ingest)).toBe(0);
    expect(reddishPixels(mine)).toBeGreaterThan(200);

    // Exactly what pdftoppm makes of A's stamped copy as served to A, with the ingest options.
    const copy = join(tmp, 'a.pdf');
    await writeFile(copy, (await getBinary(delegate, `${docs()}/${confidentialId}/file`).expect(200)).body as Buffer);
    await run('pdftoppm', ['-png', '-scale-to', '240', '-f', '1', '-l', '1', '-singlefile', copy, join(tmp, 'a')]);
    expect(mine.equals(await readFile(join(tmp, 'a.png')))).toBe(true);
  });

  it('keeps the rendered thumbnail: the same bytes again without a render, and 304 for its ETag only', async () => {
    const url = thumb(confidentialId, 1);
    const first = await getBinary(delegate, url).expect(200);
    const dir = storage.stampedThumbnailsDir(ref(confidentialId), users.daibieu);
    const [key] = await readdir(dir);
    const cached = join(dir, key, '1.png');
    const before = await stat(cached);
    const renders = jest.spyOn(runToolModule, 'runTool');

    const again = await getBinary(delegate, url).expect(200);
    expect((again.body as Buffer).equals(first.body as Buffer)).toBe(true);
    expect(again.headers.etag).toBe(first.headers.etag);
    const after = await stat(cached);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(renders).not.toHaveBeenCalled();

    const notModified = await delegate
      .get(url)
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    // The other reader's (or the organiser's) ETag, as a shared tablet's browser would send it: a full answer.
    const b = await getBinary(delegate2, url).expect(200);
    const swapped = await getBinary(delegate, url, { 'If-None-Match': b.headers.etag as string }).expect(200);
    expect((swapped.body as Buffer).equals(first.body as Buffer)).toBe(true);
    const organisers = await getBinary(secretary, url).expect(200);
    await getBinary(delegate, url, { 'If-None-Match': organisers.headers.etag as string }).expect(200);
    expect(renders).not.toHaveBeenCalled();
  });

  it('renders a page once for concurrent requests and never shows a half-written file', async () => {
    const renders = jest.spyOn(runToolModule, 'runTool');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => getBinary(delegate2, thumb(confidentialId, 3)).expect(200)),
    );
    expect(renders).toHaveBeenCalledTimes(1);
    expect(renders.mock.calls[0][0].args).toEqual(expect.arrayContaining(['-f', '3', '-l', '3', '-singlefile']));
    const [first] = responses;
    expect(pngSize(first.body as Buffer)).not.toBeNull();
    for (const res of responses) {
      expect((res.body as Buffer).equals(first.body as Buffer)).toBe(true);
      expect(res.headers.etag).toBe(first.headers.etag);
    }
    const dir = storage.stampedThumbnailsDir(ref(confidentialId), users.daibieu2);
    const [key, ...others] = await readdir(dir);
    expect(others).toEqual([]);
    expect((await readdir(join(dir, key))).sort()).toEqual(['1.png', '3.png']);
  });

  it('answers 503 when the page cannot be rendered, and drops the thumbnails of a replaced stamped copy', async () => {
    // A third reader, so the files of A and B stay as they are.
    const guest = await loginAs(t, 'quantri');
    const good = await getBinary(guest, thumb(confidentialId, 1)).expect(200);
    const dir = storage.stampedThumbnailsDir(ref(confidentialId), users.quantri);
    const [oldKey] = await readdir(dir);

    // The stamped copy changes (here: ruined) → its old thumbnails go, the new render fails cleanly.
    await writeFile(storage.stampedPath(ref(confidentialId), users.quantri), 'not a PDF any more');
    const failed = await guest.get(thumb(confidentialId, 1)).expect(503);
    expect(failed.body as ErrorResponse).toEqual({ code: 'UNAVAILABLE', message: expect.stringContaining('page 1') });
    expect(await readdir(dir)).not.toContain(oldKey);
    const leftovers = await Promise.all((await readdir(dir)).map((key) => readdir(join(dir, key))));
    expect(leftovers.flat()).toEqual([]);

    // Stamped again on the next request: a thumbnail again, of the new copy.
    await rm(storage.stampedPath(ref(confidentialId), users.quantri));
    const again = await getBinary(guest, thumb(confidentialId, 1)).expect(200);
    expect(pngSize(again.body as Buffer)).toEqual(pngSize(good.body as Buffer));
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('gives a new version thumbnails of its own stamped copy', async () => {
    await upload(
      secretary,
      `${docs()}/${confidentialId}/versions`,
      await makePdf([['Phương án nhân sự – bản 2']]),
    ).expect(201);
    expect((await waitForVersion(secretary, meetingId, confidentialId, 2)).version.status).toBe('ready');
    const v1 = await getBinary(delegate, thumb(confidentialId, 1, 1)).expect(200);
    const v2 = await getBinary(delegate, thumb(confidentialId, 1, 2)).expect(200);
    expect((v2.body as Buffer).equals(v1.body as Buffer)).toBe(false);
    expect(v2.headers.etag).not.toBe(v1.headers.etag);
    expect(reddishPixels(v2.body as Buffer)).toBeGreaterThan(200);
    await expect(readdir(storage.stampedThumbnailsDir(ref(confidentialId, 2), users.daibieu))).resolves.toHaveLength(1);
    await getBinary(delegate, thumb(confidentialId, 2, 2)).expect(404);
  });

  it('leaves the thumbnails of a document that is not confidential as they were, for everyone', async () => {
    const id = await uploadReady([['Báo cáo kinh tế – xã hội quý III']], { title: 'Báo cáo quý III' });
    const ingest = await readFile(storage.thumbnailPath(ref(id), 1));
    const version = await t.app.get(DataSource).getRepository(DocumentVersion).findOneByOrFail({ documentId: id });
    for (const agent of [secretary, delegate, delegate2]) {
      const res = await getBinary(agent, thumb(id, 1)).expect(200);
      expect((res.body as Buffer).equals(ingest)).toBe(true);
      expect(res.headers.etag).toBe(`"${version.pdfSha256?.slice(0, 40)}-p1"`);
      expect(res.headers['cache-control']).toBe('private, max-age=86400');
      expect(res.headers['x-document-confidential']).toBeUndefined();
    }
    await expect(stat(join(storage.versionDir(ref(id)), 'stamped'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('still answers 404 to a participant who is not a named reader, and to outsiders', async () => {
    const id = await uploadReady([['Hồ sơ kỷ luật (MẬT)']], {
      title: 'Hồ sơ kỷ luật',
      confidential: 'true',
      visibility: 'named',
      readerIds: [users.daibieu],
    });
    await getBinary(delegate, thumb(id, 1)).expect(200);
    for (const agent of [delegate2, outsider]) {
      const res = await agent.get(thumb(id, 1)).expect(404);
      expect((res.body as ErrorResponse).code).toBe('NOT_FOUND');
    }
    const stamped = await readdir(join(storage.versionDir(ref(id)), 'stamped'));
    expect(stamped.sort()).toEqual([`${users.daibieu}.pdf`, `${users.daibieu}.thumbnails`]);

    // Taken off the list, the reader loses the thumbnail too, although it is still on disk.
    await secretary
      .patch(`${docs()}/${id}`)
      .send({ readerIds: [users.daibieu2] })
      .expect(200);
    await delegate.get(thumb(id, 1)).expect(404);
    await getBinary(delegate2, thumb(id, 1)).expect(200);
  });
});

/** Pixels clearly redder than they are blue: the watermark's colour; black, grey and white text have none. */
function reddishPixels(png: Buffer): number {
  const { width, height, channels, pixels } = decodePng(png);
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      if (channels >= 3 && pixels[at] - pixels[at + 2] > 12) count++;
    }
  }
  return count;
}

/** An 8-bit, non-interlaced PNG (what pdftoppm writes) to raw samples; enough for these tests. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let channels = 0;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      expect([data[8], data[12]]).toEqual([8, 0]); // bit depth, interlace
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]];
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      pixels[y * stride + i] = (line[i] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
