import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { dejaVuSans } from '../pdf/pdf-fonts';
import { stampPdf, WatermarkStamp } from '../pdf/watermark';
import { sha256File, VersionRef, DocumentStorage } from '../storage/document-storage';

const run = promisify(execFile);

export interface StampedCopy {
  path: string;
  etag: string;
}

/**
 * The copy of a confidential version stamped for one reader, made on first open and kept (per
 * version and reader) so range requests and revalidation see the same bytes. It is linearized again
 * so the viewer can still show the first page before the rest has arrived.
 */
@Injectable()
export class StampedCopyService {
  private readonly logger = new Logger(StampedCopyService.name);
  private readonly inFlight = new Map<string, Promise<StampedCopy>>();
  private readonly etags = new Map<string, { mtimeMs: number; size: number; etag: string }>();

  constructor(
    private readonly config: AppConfig,
    private readonly storage: DocumentStorage,
  ) {}

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
