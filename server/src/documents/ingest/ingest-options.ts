import { availableParallelism } from 'node:os';

/** External programs and tuning of the pipeline; tests swap a binary (a fake soffice that hangs). */
export interface IngestOptions {
  soffice: string;
  qpdf: string;
  pdftoppm: string;
  pdftotext: string;
  /** Longest side of a page thumbnail, in pixels. */
  thumbnailSize: number;
  /** pdftoppm processes rendering page ranges side by side. */
  renderProcesses: number;
  /** Documents ingested at once; more wait their turn (each one already uses every core). */
  concurrentJobs: number;
  /** Archive limits of the ZIP bomb guard (the total is also capped at 20 × the upload limit). */
  zip: ZipLimits;
}

export interface ZipLimits {
  maxTotalBytes: number;
  maxEntries: number;
  /** An entry this big (uncompressed) ... */
  ratioMinBytes: number;
  /** ... may not be compressed more than this (zeros deflate ~1000:1, real XML ~10-50:1). */
  maxRatio: number;
}

export const INGEST_OPTIONS = Symbol('INGEST_OPTIONS');

export function ingestOptions(overrides: Partial<IngestOptions> = {}): IngestOptions {
  const cores = availableParallelism();
  return {
    soffice: 'soffice',
    qpdf: 'qpdf',
    pdftoppm: 'pdftoppm',
    pdftotext: 'pdftotext',
    thumbnailSize: 240,
    renderProcesses: cores,
    concurrentJobs: Math.max(1, Math.floor(cores / 2)),
    zip: { maxTotalBytes: 1024 ** 3, maxEntries: 10_000, ratioMinBytes: 5 * 1024 ** 2, maxRatio: 200 },
    ...overrides,
  };
}
