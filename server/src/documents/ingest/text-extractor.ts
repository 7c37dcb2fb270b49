import { ingestError, toolDetail } from './ingest-errors';
import { runTool } from './run-tool';

export interface TextJob {
  pdftotext: string;
  pdfPath: string;
  pageCount: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Far above any real document's text (2,000 dense pages are ~20 MB); a runaway stops here. */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/**
 * The text of each page, for search and for screen readers: one pdftotext run over the whole file
 * (a run per page would re-parse the PDF each time), split on the form feed it ends every page
 * with, NFC-normalised so "Quyết" typed on a phone matches "Quyết" decomposed in a PDF.
 */
export async function extractPageTexts(job: TextJob): Promise<string[]> {
  const result = await runTool({
    command: job.pdftotext,
    args: ['-layout', '-enc', 'UTF-8', job.pdfPath, '-'],
    timeoutMs: job.timeoutMs,
    signal: job.signal,
    maxStdoutBytes: MAX_TEXT_BYTES,
  });
  if (result.exitCode !== 0) throw ingestError('corrupt', toolDetail('pdftotext', result.exitCode, result.stderr));
  const pages = result.stdout.toString('utf8').split('\f');
  return Array.from({ length: job.pageCount }, (_, i) => (pages[i] ?? '').normalize('NFC'));
}
