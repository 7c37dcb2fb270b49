import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BaselineTimings {
  linearizeMs: number;
  thumbnailsMs: number;
  textMs: number;
  totalMs: number;
}

/**
 * The same work as a shell user would type it, one command after the other:
 *   qpdf --linearize in.pdf out.pdf && pdftoppm -png -scale-to 240 in.pdf thumbs/page && pdftotext -layout in.pdf out.txt
 */
export function runBaseline(pdfPath: string, outDir: string, thumbnailSize: number): BaselineTimings {
  mkdirSync(join(outDir, 'thumbs'), { recursive: true });
  const run = (command: string, args: string[]) => {
    const started = performance.now();
    execFileSync(command, args, { stdio: 'ignore' });
    return performance.now() - started;
  };
  const linearizeMs = run('qpdf', ['--linearize', pdfPath, join(outDir, 'out.pdf')]);
  const thumbnailsMs = run('pdftoppm', [
    '-png',
    '-scale-to',
    String(thumbnailSize),
    pdfPath,
    join(outDir, 'thumbs', 'page'),
  ]);
  const textMs = run('pdftotext', ['-layout', pdfPath, join(outDir, 'out.txt')]);
  return { linearizeMs, thumbnailsMs, textMs, totalMs: linearizeMs + thumbnailsMs + textMs };
}
