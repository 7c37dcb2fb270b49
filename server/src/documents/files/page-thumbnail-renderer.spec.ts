import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { pngSize } from '../ingest/testing/image-fixtures';
import { ToolStartError, ToolTimeoutError } from '../ingest/run-tool';
import { makePdf } from '../testing/document-fixtures';
import { renderPageThumbnail, ThumbnailUnavailableError } from './page-thumbnail-renderer';

describe('renderPageThumbnail (real pdftoppm)', () => {
  let dir: string;
  let pdfPath: string;
  const job = (outPath: string, overrides: { pdftoppm?: string; pdfPath?: string; timeoutMs?: number } = {}) => ({
    pdftoppm: 'pdftoppm',
    pdfPath,
    page: 2,
    size: 240,
    outPath,
    timeoutMs: 20_000,
    ...overrides,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'page-thumbnail-'));
    pdfPath = join(dir, 'in.pdf');
    await writeFile(pdfPath, await makePdf([['Trang 1'], ['Trang 2'], ['Trang 3']]));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('renders the one page at the thumbnail size, under its final name only', async () => {
    const out = join(dir, 'ok', '2.png');
    await renderPageThumbnail(job(out));
    expect(pngSize(await readFile(out))).toEqual({ width: 170, height: 240 });
    await expect(readdir(join(dir, 'ok'))).resolves.toEqual(['2.png']);
  });

  it('turns a tool that fails, is missing or hangs into ThumbnailUnavailableError, leaving nothing', async () => {
    const hanging = join(dir, 'hanging-pdftoppm');
    await writeFile(hanging, '#!/bin/sh\nsleep 30\n');
    await chmod(hanging, 0o755);
    const broken = join(dir, 'broken.pdf');
    await writeFile(broken, 'not a PDF');
    const cases: [string, Parameters<typeof job>[1], (cause: unknown) => void][] = [
      ['corrupt', { pdfPath: broken }, (cause) => expect(String(cause)).toMatch(/pdftoppm exited with 1/)],
      ['missing', { pdftoppm: join(dir, 'no-such-tool') }, (cause) => expect(cause).toBeInstanceOf(ToolStartError)],
      ['hanging', { pdftoppm: hanging, timeoutMs: 300 }, (cause) => expect(cause).toBeInstanceOf(ToolTimeoutError)],
    ];
    for (const [name, overrides, checkCause] of cases) {
      const error: unknown = await renderPageThumbnail(job(join(dir, name, '2.png'), overrides)).catch((e) => e);
      expect(error).toBeInstanceOf(ThumbnailUnavailableError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/trang 2 \/ .*page 2/) });
      checkCause((error as Error).cause);
      await expect(readdir(join(dir, name))).resolves.toEqual([]);
    }
  });
});
