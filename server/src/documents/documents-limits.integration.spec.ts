import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DocumentDetailResponse, DocumentResponse, MeetingResponse } from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { loginAs } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';
import { DocumentProcessingService } from './processing/document-processing.service';
import { DocumentStorage } from './storage/document-storage';
import { getBinary, upload, waitForVersion } from './testing/documents-api';
import { makeDocx, makePdf } from './testing/document-fixtures';

/**
 * Limits, with a 1 MB upload limit and a 2 s conversion timeout. LibreOffice is replaced by a fake
 * `soffice` first on PATH that just sleeps, like a conversion that hangs on a pathological file.
 */
describe('document limits: oversized uploads and a hanging conversion', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let documentsUrl: string;
  let meetingId: string;
  let fakeBin: string;
  const originalPath = process.env.PATH;
  const stored = new Map<string, Buffer>();

  async function expectStoredIntact() {
    for (const [id, bytes] of stored) {
      const res = await getBinary(secretary, `${documentsUrl}/${id}/file?version=1`).expect(200);
      expect((res.body as Buffer).equals(bytes)).toBe(true);
    }
  }

  beforeAll(async () => {
    fakeBin = await mkdtemp(join(tmpdir(), 'ecab-fake-soffice-'));
    await writeFile(join(fakeBin, 'soffice'), '#!/bin/sh\nexec sleep 60\n');
    await chmod(join(fakeBin, 'soffice'), 0o755);
    process.env.PATH = `${fakeBin}:${originalPath}`;
    t = await createTestApp({ env: { DOCUMENT_MAX_MB: '1', CONVERSION_TIMEOUT_SECONDS: '2' } });
    secretary = await loginAs(t, 'thuky');
    meetingId = ((await secretary.get('/api/meetings').expect(200)).body as MeetingResponse[])[0].id;
    documentsUrl = `/api/meetings/${meetingId}/documents`;
    await t.app.get(DocumentProcessingService).whenIdle();
    for (const document of (await secretary.get(documentsUrl).expect(200)).body as DocumentResponse[]) {
      stored.set(document.id, (await getBinary(secretary, `${documentsUrl}/${document.id}/file`).expect(200)).body);
    }
  });
  afterAll(async () => {
    process.env.PATH = originalPath;
    await t.close();
    await rm(fakeBin, { recursive: true, force: true });
  });

  it.each([
    ['far over the limit (refused from its Content-Length)', 3 * 1024 * 1024],
    ['just over the limit (refused while streaming)', 1024 * 1024 + 10_000],
  ])('answers 413 to a file %s and keeps no partial file', async (_name, size) => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 'a')]);
    const res = await upload(secretary, documentsUrl, big, { fileName: 'lon.pdf' }).expect(413);
    expect(res.body).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Tệp vượt quá giới hạn 1 MB / The file is larger than the 1 MB limit',
      errors: [{ path: 'file', message: `max ${1024 * 1024} bytes` }],
    });
    expect(await readdir(t.app.get(DocumentStorage).uploadTmpDir).catch(() => [])).toEqual([]);
    expect(((await secretary.get(documentsUrl).expect(200)).body as DocumentResponse[]).length).toBe(stored.size);
    await expectStoredIntact();
  });

  it('fails a conversion that hangs with `timeout`, kills it, and goes on with the next upload', async () => {
    const docx = await makeDocx(['Tài liệu làm treo bộ chuyển đổi']);
    const started = Date.now();
    const hanging = (await upload(secretary, documentsUrl, docx, { fileName: 'treo.docx' }).expect(201))
      .body as DocumentDetailResponse;
    const next = (
      await upload(secretary, documentsUrl, await makePdf([['Tài liệu kế tiếp']]), { fileName: 'ke-tiep.pdf' }).expect(
        201,
      )
    ).body as DocumentDetailResponse;

    const failed = await waitForVersion(secretary, meetingId, hanging.id, 1);
    expect(failed.version).toMatchObject({
      status: 'failed',
      failure: { reason: 'timeout', message: expect.stringContaining('took too long') },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    await secretary.get('/api/health').expect(200);

    const ready = await waitForVersion(secretary, meetingId, next.id, 1);
    expect(ready.version.status).toBe('ready');
    await expectStoredIntact();
  });
});
