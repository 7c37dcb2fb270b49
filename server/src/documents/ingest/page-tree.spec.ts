import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

import { balancePageTree } from './page-tree';
import { makeVietnamesePdf } from './testing/pdf-fixtures';

const run = promisify(execFile);

describe('balancePageTree', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecab-page-tree-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('puts the last page alone under the root and keeps every page, in order, with its text', async () => {
    const input = join(dir, 'in.pdf');
    const output = join(dir, 'out.pdf');
    await writeFile(input, await makeVietnamesePdf({ pages: 40, linesPerPage: 3 }));
    await expect(balancePageTree(input, output)).resolves.toBe(true);

    const doc = await PDFDocument.load(await readFile(output));
    const root = doc.catalog.Pages();
    const kids = root.lookup(PDFName.of('Kids'), PDFArray);
    expect(kids.size()).toBe(2);
    expect((root.get(PDFName.of('Count')) as PDFNumber).asNumber()).toBe(40);
    const [rest, last] = [0, 1].map((i) => doc.context.lookup(kids.get(i) as PDFRef, PDFDict));
    expect((rest.get(PDFName.of('Count')) as PDFNumber).asNumber()).toBe(39);
    expect(last.lookup(PDFName.of('Kids'), PDFArray).size()).toBe(1);
    // No node of the rebuilt tree has more than 16 kids.
    expect(rest.lookup(PDFName.of('Kids'), PDFArray).size()).toBeLessThanOrEqual(16);

    const { stdout: info } = await run('qpdf', ['--show-npages', output]);
    expect(info.trim()).toBe('40');
    for (const page of [1, 17, 40]) {
      const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), output, '-']);
      expect(stdout).toContain(`Quyết định số ${page}/QĐ-UBND`);
    }
  });

  it('leaves a two-page document alone', async () => {
    const input = join(dir, 'small.pdf');
    await writeFile(input, await makeVietnamesePdf({ pages: 2, linesPerPage: 2 }));
    await expect(balancePageTree(input, join(dir, 'small-out.pdf'))).resolves.toBe(false);
  });
});
