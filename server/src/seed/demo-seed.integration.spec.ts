import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';

import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';

import { DocumentVersion } from '../documents/document-version.entity';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { DocumentProcessingService } from '../documents/processing/document-processing.service';
import { DocumentPage } from '../documents/search/document-page.entity';
import { DocumentStorage } from '../documents/storage/document-storage';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { User } from '../people/user.entity';
import { createTestApp, TestApp } from '../testing/test-app';
import { DEMO_ACCOUNTS } from './demo-data';
import { DemoSeedService } from './demo-seed.service';

const run = promisify(execFile);

describe('demo seed', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('creates one district with 13 communes', async () => {
    const units = await db.getRepository(OrganisationUnit).find();
    const district = units.filter((u) => u.kind === 'district');
    expect(district).toHaveLength(1);
    expect(units.filter((u) => u.kind === 'commune' && u.parentId === district[0].id)).toHaveLength(13);
  });

  it('creates one account per role whose argon2id hash matches the printed password', async () => {
    const credentials = await t.app.get(DemoSeedService).readCredentials();
    expect([...new Set(credentials.map((c) => c.role))].sort()).toEqual([
      'admin',
      'chair',
      'commune_site',
      'delegate',
      'guest',
      'secretary',
    ]);
    for (const c of credentials) {
      const user = await db.getRepository(User).findOneByOrFail({ username: c.username });
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      await expect(verify(user.passwordHash, c.password)).resolves.toBe(true);
      await expect(verify(user.passwordHash, c.password + 'x')).resolves.toBe(false);
    }
    const mode = (await stat(t.app.get(DemoSeedService).credentialsFile)).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('stores two real multi-page PDFs as version 1, processed like uploads: linearized, thumbnails, text', async () => {
    await t.app.get(DocumentProcessingService).whenIdle();
    const storage = t.app.get(DocumentStorage);
    const documents = await db.getRepository(MeetingDocument).find();
    expect(documents).toHaveLength(2);
    for (const doc of documents) {
      const version = await db.getRepository(DocumentVersion).findOneByOrFail({ documentId: doc.id, number: 1 });
      expect(version).toMatchObject({ status: 'ready', stage: 'done', progress: 100, sourceKind: 'pdf' });
      expect(doc.currentVersion).toBe(1);
      const ref = { meetingId: doc.meetingId, documentId: doc.id, number: 1 };
      const source = await readFile(storage.sourcePath(ref, 'pdf'));
      expect(source.subarray(0, 5).toString()).toBe('%PDF-');
      expect(createHash('sha256').update(source).digest('hex')).toBe(version.sha256);
      expect(version.sizeBytes).toBe(source.length);

      const served = storage.pdfPath(ref);
      const bytes = await readFile(served);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(version.pdfSha256);
      expect(doc.sizeBytes).toBe(bytes.length);
      const { stdout: info } = await run('pdfinfo', [served]);
      expect(info).toMatch(/Optimized:\s+yes/);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(doc.pageCount);
      expect(doc.pageCount).toBeGreaterThanOrEqual(3);
      expect(version.pageCount).toBe(doc.pageCount);
      const { stdout: text } = await run('pdftotext', ['-layout', served, '-']);
      expect(text).toMatch(/Ủy ban nhân dân|ỦY BAN NHÂN DÂN/);
      expect(text).toContain('Trang 2/');

      for (let page = 1; page <= doc.pageCount; page++) {
        const png = await readFile(storage.thumbnailPath(ref, page));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      }
      const pages = await db
        .getRepository(DocumentPage)
        .find({ where: { versionId: version.id }, order: { page: 'ASC' } });
      expect(pages.map((p) => p.page)).toEqual(Array.from({ length: doc.pageCount }, (_, i) => i + 1));
      expect(pages.every((p) => p.folded.length === p.text.length)).toBe(true);
    }
    const [first] = documents.filter((d) => d.fileName.startsWith('To-trinh'));
    const firstVersion = await db.getRepository(DocumentVersion).findOneByOrFail({ documentId: first.id });
    const pages = await db.getRepository(DocumentPage).findBy({ versionId: firstVersion.id });
    const hit = pages.find((p) => p.text.includes('Quyết định kế hoạch đầu tư công'));
    expect(hit?.folded).toContain('quyet dinh ke hoach dau tu cong');
  });

  it('does nothing on a second start', async () => {
    await expect(t.app.get(DemoSeedService).seedIfEmpty()).resolves.toBe(false);
    expect(await db.getRepository(User).count()).toBe(DEMO_ACCOUNTS.length);
  });
});
