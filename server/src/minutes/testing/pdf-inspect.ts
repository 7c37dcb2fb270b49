import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
}

export interface PdfWord {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}

/** What poppler (pdftotext, pdffonts) reads back from a PDF: the way a reader's tools see it. */
export interface PdfInspection {
  text: string;
  fonts: PdfFontRow[];
  pages: number;
  words: PdfWord[];
  pageSize: { width: number; height: number };
}

export async function inspectPdf(pdf: Buffer): Promise<PdfInspection> {
  const dir = await mkdtemp(join(tmpdir(), 'minutes-pdf-'));
  try {
    const file = join(dir, 'minutes.pdf');
    await writeFile(file, pdf);
    const [text, fonts, bbox] = await Promise.all([
      run('pdftotext', ['-enc', 'UTF-8', file, '-']),
      run('pdffonts', [file]),
      run('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 }),
    ]);
    const rows = fonts.stdout.split('\n').slice(2).filter(Boolean);
    const words: PdfWord[] = [];
    let page = 0;
    let pageSize = { width: 0, height: 0 };
    for (const line of bbox.stdout.split('\n')) {
      const pageMatch = line.match(/<page width="([\d.]+)" height="([\d.]+)">/);
      if (pageMatch) {
        page++;
        pageSize = { width: Number(pageMatch[1]), height: Number(pageMatch[2]) };
        continue;
      }
      const word = line.match(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/);
      if (word) {
        words.push({
          page,
          xMin: Number(word[1]),
          yMin: Number(word[2]),
          xMax: Number(word[3]),
          yMax: Number(word[4]),
          text: word[5],
        });
      }
    }
    return {
      text: text.stdout.normalize('NFC'),
      // Columns: name type encoding emb sub uni object ID (the name has no spaces).
      fonts: rows.map((row) => {
        const cells = row.trim().split(/\s+/);
        return { name: cells[0], type: cells.slice(1, -6).join(' '), embedded: cells.at(-5) === 'yes' };
      }),
      pages: page,
      words,
      pageSize,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
