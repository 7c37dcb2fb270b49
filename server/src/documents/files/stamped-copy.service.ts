import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { INGEST_OPTIONS, ingestOptions, IngestOptions } from '../ingest/ingest-options';
import { IngestQueue } from '../ingest/ingest-queue';
import { dejaVuSans } from '../pdf/pdf-fonts';
import { stampPdf, WatermarkStamp } from '../pdf/watermark';
import { exists, sha256File, VersionRef, DocumentStorage } from '../storage/document-storage';
import { renderPageThumbnail, ThumbnailUnavailableError } from './page-thumbnail-renderer';

const run = promisify(execFile);

export interface StampedCopy {
  path: string;
  etag: string;
}

/** A page thumbnail rendered from a stamped copy; the ETag is as much the reader's as the copy's. */
export interface StampedThumbnail {
  path: string;
  etag: string;
}

/**
 * The copy of a confidential version stamped for one reader, made on first open and kept (per
 * version and reader) so range requests and revalidation see the same bytes. It is linearized again
 * so the viewer can still show the first page before the rest has arrived. Its page thumbnails are
 * rendered from it on demand (the ingest ones show no watermark) and kept beside it.
 */
@Injectable()
export class StampedCopyService implements OnModuleDestroy {
  private readonly logger = new Logger(StampedCopyService.name);
  private readonly inFlight = new Map<string, Promise<StampedCopy>>();
  private readonly thumbnailsInFlight = new Map<string, Promise<StampedThumbnail>>();
  private readonly etags = new Map<string, { mtimeMs: number; size: number; etag: string }>();
  /** The ingest's pdftoppm and thumbnail size: a stamped thumbnail looks like any other. */
  private readonly renderer: Pick<IngestOptions, 'pdftoppm' | 'thumbnailSize'>;
  /** At most one pdftoppm per core: a room of readers opening the same document at once queue up. */
  private readonly renders: IngestQueue;
  /** Shutdown kills running renders: they run in their own process groups and would outlive us. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly config: AppConfig,
    private readonly storage: DocumentStorage,
    @Optional() @Inject(INGEST_OPTIONS) options?: Partial<IngestOptions>,
  ) {
    const { pdftoppm, thumbnailSize, renderProcesses } = ingestOptions(options);
    this.renderer = { pdftoppm, thumbnailSize };
    this.renders = new IngestQueue(renderProcesses);
  }

  onModuleDestroy(): void {
    this.shutdown.abort(new Error('Server shutting down'));
  }

  get(ref: VersionRef, readerId: string, stamp: () => Promise<WatermarkStamp>): Promise<StampedCopy> {
    const path = this.storage.stampedPath(ref, readerId);
    let pending = this.inFlight.get(path);
    if (!pending) {
      pending = this.getOrMake(ref, path, stamp).finally(() => this.inFlight.delete(path));
      this.inFlight.set(path, pending);
    }
    return pending;
  }

  private async getOrMake(ref: VersionRef, path: string, stamp: () => Promise<WatermarkStamp>): Promise<StampedCopy> {
    try {
      return { path, etag: await this.etagOf(path) };
    } catch {
      // Not made yet.
    }
    const [source, font, details] = await Promise.all([readFile(this.storage.pdfPath(ref)), dejaVuSans(), stamp()]);
    const stamped = await stampPdf(source, details, font);
    await mkdir(dirname(path), { recursive: true });
    const raw = `${path}.${randomUUID()}.tmp`;
    const linear = `${path}.${randomUUID()}.lin.tmp`;
    try {
      await writeFile(raw, stamped);
      await rename((await this.linearize(raw, linear)) ? linear : raw, path);
    } finally {
      await Promise.all([rm(raw, { force: true }), rm(linear, { force: true })]);
    }
    return { path, etag: await this.etagOf(path) };
  }

  /**
   * The thumbnail of `page` of the reader's stamped copy `copy` (from `get`), rendered once and then
   * served from disk. The folder is named after the copy's ETag and the size, so a copy made again
   * (new time in its stamp) never shows the old thumbnails, which are dropped at the first new render.
   * Concurrent requests for one page share one render. Rejects with ThumbnailUnavailableError.
   */
  thumbnail(ref: VersionRef, readerId: string, copy: StampedCopy, page: number): Promise<StampedThumbnail> {
    const key = createHash('sha256').update(`${copy.etag}\n${this.renderer.thumbnailSize}`).digest('hex').slice(0, 40);
    const dir = join(this.storage.stampedThumbnailsDir(ref, readerId), key);
    const path = join(dir, `${page}.png`);
    let pending = this.thumbnailsInFlight.get(path);
    if (!pending) {
      pending = this.getOrRender(copy.path, dir, path, page)
        .then(() => ({ path, etag: `"${key}-p${page}"` }))
        .finally(() => this.thumbnailsInFlight.delete(path));
      this.thumbnailsInFlight.set(path, pending);
    }
    return pending;
  }

  private async getOrRender(pdfPath: string, dir: string, path: string, page: number): Promise<void> {
    if (await exists(path)) return;
    if (!(await exists(dir))) await this.dropOtherThumbnails(dir);
    const release = await this.renders.acquire(this.shutdown.signal).catch((error: unknown) => {
      throw new ThumbnailUnavailableError(page, { cause: error });
    });
    try {
      await renderPageThumbnail({
        pdftoppm: this.renderer.pdftoppm,
        pdfPath,
        page,
        size: this.renderer.thumbnailSize,
        outPath: path,
        timeoutMs: this.config.documents.conversionTimeoutSeconds * 1000,
        signal: this.shutdown.signal,
      });
    } catch (error) {
      if (error instanceof ThumbnailUnavailableError) {
        this.logger.warn(`Thumbnail of page ${page} of ${pdfPath} not rendered: ${String(error.cause)}`);
      }
      throw error;
    } finally {
      release();
    }
  }

  /** Thumbnails of an earlier stamped copy of this reader's: never served again. */
  private async dropOtherThumbnails(dir: string): Promise<void> {
    const parent = dirname(dir);
    const stale = (await readdir(parent).catch(() => [])).filter((name) => name !== basename(dir));
    await Promise.all(stale.map((name) => rm(join(parent, name), { recursive: true, force: true })));
  }

  /** qpdf exits 3 for "succeeded with warnings"; anything else keeps the plain stamped file. */
  private async linearize(input: string, output: string): Promise<boolean> {
    try {
      await run('qpdf', ['--linearize', input, output], {
        timeout: this.config.documents.conversionTimeoutSeconds * 1000,
      });
      return true;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 3) return true;
      this.logger.warn(`Stamped copy left unlinearized: ${String(error)}`);
      return false;
    }
  }

  private async etagOf(path: string): Promise<string> {
    const info = await stat(path);
    const known = this.etags.get(path);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known.etag;
    const { sha256 } = await sha256File(path);
    const etag = `"${sha256}"`;
    this.etags.set(path, { mtimeMs: info.mtimeMs, size: info.size, etag });
    return etag;
  }
}
