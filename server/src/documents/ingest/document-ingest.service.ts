import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { FastOpenHint } from '@app/shared';
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { fastOpenHint } from './fast-open-hint';
import { detectFileType } from './file-type-detector';
import { toIngestError } from './ingest-errors';
import { INGEST_OPTIONS, ingestOptions, IngestOptions, ZipLimits } from './ingest-options';
import { IngestProgressReporter } from './ingest-progress';
import { IngestQueue } from './ingest-queue';
import { DetectedType, IngestError, IngestProgress, IngestResult } from './ingest.types';
import { convertToPdf } from './office-converter';
import { allOrAbort } from './parallel';
import { BALANCE_MAX_BYTES, balancePageTree } from './page-tree';
import { inspectPdf, linearizePdf, QpdfRun } from './pdf-tools';
import { extractPageTexts } from './text-extractor';
import { renderThumbnails } from './thumbnail-renderer';

/** What ingest writes into the work folder. */
export const LINEARIZED_PDF = 'linearized.pdf';
export const THUMBNAIL_DIR = 'thumbnails';

/** Where each stage starts on the overall 0..100 scale; thumbnails fill the rest up to 95. */
const PLAN = {
  pdf: { converting: 0, inspecting: 2, linearizing: 4, thumbnails: 5 },
  office: { converting: 2, inspecting: 35, linearizing: 37, thumbnails: 38 },
} as const;
const TEXT_PERCENT = 95;

/**
 * Turns an upload into what the tablets show: detect the type from the bytes → (Office) convert
 * to PDF → inspect (password, damage, page limit) → linearize (then find where pdf.js reads page 1:
 * the fast-open hint), render one thumbnail per page and extract the text of each page, side by
 * side. Fails only with an IngestError (or the caller's
 * abort reason); never leaves a tool running or a temp file behind.
 */
@Injectable()
export class DocumentIngestService implements OnModuleDestroy {
  private readonly logger = new Logger(DocumentIngestService.name);
  private readonly options: IngestOptions;
  private readonly queue: IngestQueue;
  /** Shutdown kills running tools: they run in their own process groups and would outlive us. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly config: AppConfig,
    @Optional() @Inject(INGEST_OPTIONS) options?: Partial<IngestOptions>,
  ) {
    this.options = ingestOptions(options);
    this.queue = new IngestQueue(this.options.concurrentJobs);
  }

  onModuleDestroy(): void {
    this.shutdown.abort(new Error('Server shutting down'));
  }

  /** The type of the file from its content; throws IngestError (empty, unsupported_type, zip_bomb, ...). */
  detect(filePath: string): Promise<DetectedType> {
    return detectFileType(filePath, this.zipLimits());
  }

  /**
   * Ingests `inputPath` into `workDir` (created if needed): `linearized.pdf` and
   * `thumbnails/page-N.png`. `inputPath` is only read. Rejects with IngestError, or with
   * `signal.reason` when the caller aborts; either way the tools are killed and the outputs removed.
   */
  async ingest(
    inputPath: string,
    workDir: string,
    onProgress?: (progress: IngestProgress) => void,
    signal?: AbortSignal,
  ): Promise<IngestResult> {
    const jobSignal = signal ? AbortSignal.any([signal, this.shutdown.signal]) : this.shutdown.signal;
    const pdfPath = join(workDir, LINEARIZED_PDF);
    const thumbnailDir = join(workDir, THUMBNAIL_DIR);
    const input = resolve(inputPath);
    if (input === resolve(pdfPath) || input.startsWith(resolve(thumbnailDir) + '/')) {
      // Outputs are removed on failure; the stored original must never be among them.
      throw new Error(`ingest: ${inputPath} lies where ingest writes its output`);
    }
    const progress = new IngestProgressReporter(onProgress);
    const release = await this.queue.acquire(jobSignal);
    let tempDir: string | undefined;
    try {
      await mkdir(workDir, { recursive: true });
      await rm(thumbnailDir, { recursive: true, force: true });
      tempDir = await mkdtemp(join(workDir, '.ingest-'));
      return await this.run(input, tempDir, pdfPath, thumbnailDir, progress, jobSignal);
    } catch (error) {
      const failure = toIngestError(error, jobSignal);
      await Promise.all([rm(pdfPath, { force: true }), rm(thumbnailDir, { recursive: true, force: true })]);
      if (failure instanceof IngestError) {
        this.logger.warn(`${inputPath}: ${failure.reason}${failure.detail ? ` (${failure.detail})` : ''}`);
      }
      throw failure;
    } finally {
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
      release();
    }
  }

  private async run(
    inputPath: string,
    tempDir: string,
    pdfPath: string,
    thumbnailDir: string,
    progress: IngestProgressReporter,
    signal: AbortSignal,
  ): Promise<IngestResult> {
    const { soffice, qpdf, pdftoppm, pdftotext, thumbnailSize, renderProcesses } = this.options;
    const timeoutMs = this.config.documents.conversionTimeoutSeconds * 1000;

    progress.report('detecting', 0);
    const { kind } = await this.detect(inputPath);
    signal.throwIfAborted();
    const plan = kind === 'pdf' ? PLAN.pdf : PLAN.office;
    let sourcePdf = inputPath;
    if (kind !== 'pdf') {
      progress.report('converting', plan.converting);
      sourcePdf = await convertToPdf({ soffice, inputPath, kind, tempDir, timeoutMs, signal });
    }

    progress.report('inspecting', plan.inspecting);
    const inspection = await inspectPdf(sourcePdf, this.config.documents.maxPages, { qpdf, timeoutMs, signal });
    const { pageCount } = inspection;

    progress.report('linearizing', plan.linearizing);
    // A file qpdf had to repair is rendered from its repaired copy, so poppler sees the same pages
    // qpdf counted; a sound one is read as is, all three tools side by side.
    let renderFrom = sourcePdf;
    if (inspection.repaired) {
      await linearizePdf(sourcePdf, pdfPath, { qpdf, timeoutMs, signal });
      renderFrom = pdfPath;
    }
    const thumbnailSpan = TEXT_PERCENT - plan.thumbnails;
    // One failing stops the others.
    const [fastOpen, thumbnailPaths, pageTexts] = await allOrAbort(signal, (phase) => [
      (inspection.repaired
        ? Promise.resolve()
        : this.linearizeForWeb(sourcePdf, pdfPath, tempDir, { qpdf, timeoutMs, signal: phase })
      ).then(() => this.fastOpenOrNull(pdfPath, { qpdf, timeoutMs, signal: phase })),
      renderThumbnails({
        pdftoppm,
        pdfPath: renderFrom,
        outDir: thumbnailDir,
        pageCount,
        size: thumbnailSize,
        processes: renderProcesses,
        timeoutMs,
        signal: phase,
        onPages: (done) => progress.report('thumbnails', plan.thumbnails + (thumbnailSpan * done) / pageCount),
      }).then((paths) => {
        progress.report('text', TEXT_PERCENT);
        return paths;
      }),
      extractPageTexts({ pdftotext, pdfPath: renderFrom, pageCount, timeoutMs, signal: phase }),
    ]);
    progress.report('done', 100);
    return { kind, pageCount, pdfPath, fastOpen, thumbnailPaths, pageTexts };
  }

  /**
   * Linearized, with a page tree a range-reading viewer walks cheaply (see page-tree.ts). A file
   * pdf-lib cannot rebuild is still linearized as it is: the tree only makes it faster.
   */
  private async linearizeForWeb(source: string, pdfPath: string, tempDir: string, run: QpdfRun): Promise<void> {
    const balanced = join(tempDir, 'balanced.pdf');
    let input = source;
    try {
      if ((await stat(source)).size <= BALANCE_MAX_BYTES && (await balancePageTree(source, balanced))) input = balanced;
    } catch (error) {
      this.logger.warn(`page tree kept as it is: ${error instanceof Error ? error.message : String(error)}`);
    }
    run.signal?.throwIfAborted();
    await linearizePdf(input, pdfPath, run);
  }

  /** The hint only makes opening faster: without it (logged) the file is served all the same. */
  private async fastOpenOrNull(pdfPath: string, run: QpdfRun): Promise<FastOpenHint | null> {
    try {
      const hint = await fastOpenHint(pdfPath, run);
      if (!hint) this.logger.warn(`no fast-open hint: ${pdfPath} is not linearized`);
      return hint;
    } catch (error) {
      if (run.signal?.aborted) throw error;
      this.logger.warn(`no fast-open hint: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  private zipLimits(): ZipLimits {
    const { zip } = this.options;
    return { ...zip, maxTotalBytes: Math.min(zip.maxTotalBytes, 20 * this.config.documents.maxBytes) };
  }
}
