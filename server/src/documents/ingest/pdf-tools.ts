import { ingestError, toolDetail, tooManyPagesError } from './ingest-errors';
import { runTool } from './run-tool';

export interface QpdfRun {
  qpdf: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** qpdf exit codes: 0 fine, 2 errors, 3 warnings only (e.g. a damaged xref it rebuilt — still usable). */
const QPDF_OK = new Set([0, 3]);

/**
 * Page count of a PDF the pipeline can process, or the reason it cannot: a password to open it
 * (an owner password that only restricts printing/copying is fine), damage qpdf cannot repair,
 * or more pages than allowed — found from the page tree alone, before any page is rendered.
 */
export interface PdfInspection {
  pageCount: number;
  /** qpdf had to repair the file (a rebuilt xref, ...): other readers may see it differently. */
  repaired: boolean;
}

export async function inspectPdf(pdfPath: string, maxPages: number, run: QpdfRun): Promise<PdfInspection> {
  const password = await runTool({ ...run, command: run.qpdf, args: ['--requires-password', pdfPath] });
  if (password.exitCode === 0) throw ingestError('encrypted', 'qpdf --requires-password: a password is required');

  const pages = await runTool({
    ...run,
    command: run.qpdf,
    args: ['--show-npages', pdfPath],
    maxStdoutBytes: 1024,
  });
  if (!QPDF_OK.has(pages.exitCode ?? -1)) {
    throw ingestError('corrupt', toolDetail('qpdf --show-npages', pages.exitCode, pages.stderr));
  }
  const count = Number(pages.stdout.toString('utf8').trim());
  if (!Number.isInteger(count) || count < 1) {
    throw ingestError('corrupt', `qpdf --show-npages printed "${pages.stdout.toString('utf8').trim()}"`);
  }
  if (count > maxPages) throw tooManyPagesError(count, maxPages);
  return { pageCount: count, repaired: pages.exitCode === 3 };
}

/** "Fast web view": the first page (and the page index) can be shown before the rest arrives. */
export async function linearizePdf(inputPath: string, outputPath: string, run: QpdfRun): Promise<void> {
  const result = await runTool({ ...run, command: run.qpdf, args: ['--linearize', inputPath, outputPath] });
  if (!QPDF_OK.has(result.exitCode ?? -1)) {
    throw ingestError('corrupt', toolDetail('qpdf --linearize', result.exitCode, result.stderr));
  }
}
