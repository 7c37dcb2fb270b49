import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';

import { MeetingDocument } from '../documents/meeting-document.entity';
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

  it('stores two real multi-page PDFs whose text keeps its Vietnamese diacritics', async () => {
    const documents = await db.getRepository(MeetingDocument).find();
    expect(documents).toHaveLength(2);
    for (const doc of documents) {
      const path = join(t.config.documentsDir, doc.storageKey);
      const bytes = await readFile(path);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
      expect(doc.sizeBytes).toBe(bytes.length);
      const { stdout: info } = await run('pdfinfo', [path]);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(doc.pageCount);
      expect(doc.pageCount).toBeGreaterThanOrEqual(3);
      const { stdout: text } = await run('pdftotext', ['-layout', path, '-']);
      expect(text).toMatch(/Ủy ban nhân dân|ỦY BAN NHÂN DÂN/);
      expect(text).toContain('Trang 2/');
    }
    const { stdout: first } = await run('pdftotext', [
      join(t.config.documentsDir, documents.find((d) => d.fileName.startsWith('To-trinh'))!.storageKey),
      '-',
    ]);
    expect(first).toContain('Quyết định kế hoạch đầu tư công');
  });

  it('does nothing on a second start', async () => {
    await expect(t.app.get(DemoSeedService).seedIfEmpty()).resolves.toBe(false);
    expect(await db.getRepository(User).count()).toBe(DEMO_ACCOUNTS.length);
  });
});
