import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as yauzl from 'yauzl';

import { ArchiveFileError, buildArchive } from './archive-builder';
import { safeName } from './archive-contents';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function entryNames(zipPath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const names: string[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        file.readEntry();
      });
      file.on('end', () => resolve(names));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

describe('buildArchive', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-builder-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function file(name: string, size: number): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, Buffer.alloc(size, name));
    return path;
  }

  it('reports rising progress to 100, with the manifest last and the ZIP hash returned', async () => {
    const a = await file('a.pdf', 3_000_000);
    const b = await file('b.docx', 1_000_000);
    const seen: number[] = [];
    const target = join(dir, 'out.zip');
    const built = await buildArchive(
      {
        meetingId: 'm',
        meetingTitle: 'Họp',
        json: [{ name: 'meeting.json', data: { title: 'Họp' } }],
        files: [
          { name: 'documents/a.pdf', path: a },
          { name: 'documents/b.docx', path: b },
        ],
      },
      target,
      (p) => seen.push(p),
      new AbortController().signal,
    );
    expect(seen.length).toBeGreaterThan(3);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    expect(seen.at(-1)).toBe(100);
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    expect(await entryNames(target)).toEqual(['meeting.json', 'documents/a.pdf', 'documents/b.docx', 'manifest.json']);
    expect(built.sizeBytes).toBe((await stat(target)).size);
    expect(built.sha256).toBe(sha256(await readFile(target)));
    expect(built.manifest.files.map((f) => [f.path, f.sizeBytes])).toEqual([
      ['meeting.json', expect.any(Number)],
      ['documents/a.pdf', 3_000_000],
      ['documents/b.docx', 1_000_000],
    ]);
    expect(built.manifest.files[1].sha256).toBe(sha256(await readFile(a)));
  });

  it('fails on a missing file before writing anything', async () => {
    const target = join(dir, 'out.zip');
    await expect(
      buildArchive(
        { meetingId: 'm', meetingTitle: 'x', json: [], files: [{ name: 'gone.pdf', path: join(dir, 'gone.pdf') }] },
        target,
        () => undefined,
        new AbortController().signal,
      ),
    ).rejects.toBeInstanceOf(ArchiveFileError);
  });

  it('stops when aborted', async () => {
    const big = await file('big.pdf', 20_000_000);
    const controller = new AbortController();
    const run = buildArchive(
      { meetingId: 'm', meetingTitle: 'x', json: [], files: [{ name: 'big.pdf', path: big }] },
      join(dir, 'out.zip'),
      (p) => p > 10 && controller.abort(new Error('stop')),
      controller.signal,
    );
    await expect(run).rejects.toThrow();
  });
});

describe('safeName', () => {
  it('keeps Vietnamese, drops separators and control characters', () => {
    expect(safeName('Tờ trình: quy hoạch/đầu tư?')).toBe('Tờ trình_ quy hoạch_đầu tư_');
    expect(safeName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeName('  \u0000 ')).toBe('_');
    expect(safeName('...')).toBe('tai-lieu');
  });
});
