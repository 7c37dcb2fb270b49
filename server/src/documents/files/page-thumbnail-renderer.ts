import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { ErrorCode } from '@app/shared';

import { DomainError } from '../../common/errors/domain-errors';
import { toolDetail } from '../ingest/ingest-errors';
import { runTool } from '../ingest/run-tool';

/** A page thumbnail could not be made now (the tool failed, timed out or the server is stopping): 503. */
export class ThumbnailUnavailableError extends DomainError {
  readonly code = ErrorCode.Unavailable;

  constructor(page: number, options?: { cause?: unknown }) {
    super(`Chưa tạo được ảnh thu nhỏ trang ${page} / The thumbnail of page ${page} could not be rendered`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export interface PageThumbnailJob {
  pdftoppm: string;
  pdfPath: string;
  page: number;
  /** Longest side in pixels, as the ingest thumbnails. */
  size: number;
  /** Where the PNG ends up; it appears there whole or not at all. */
  outPath: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * One page as a PNG, rendered with the options of the ingest thumbnails (`-png -scale-to size`)
 * but for `-f page -l page` only. pdftoppm writes to a temporary name beside `outPath` that is
 * renamed into place, so a concurrent reader never sees a half-written file.
 */
export async function renderPageThumbnail(job: PageThumbnailJob): Promise<void> {
  await mkdir(dirname(job.outPath), { recursive: true });
  // -singlefile: pdftoppm writes `<prefix>.png`, without the page number it would otherwise pad.
  const prefix = `${job.outPath}.${randomUUID()}.tmp`;
  try {
    const result = await runTool({
      command: job.pdftoppm,
      args: [
        '-png',
        '-scale-to',
        String(job.size),
        '-f',
        String(job.page),
        '-l',
        String(job.page),
        '-singlefile',
        job.pdfPath,
        prefix,
      ],
      timeoutMs: job.timeoutMs,
      signal: job.signal,
    });
    if (result.exitCode !== 0) throw new Error(toolDetail('pdftoppm', result.exitCode, result.stderr));
    await rename(`${prefix}.png`, job.outPath);
  } catch (error) {
    throw new ThumbnailUnavailableError(job.page, { cause: error });
  } finally {
    await rm(`${prefix}.png`, { force: true });
  }
}
