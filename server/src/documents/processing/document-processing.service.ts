import { mkdir, rename, rm } from 'node:fs/promises';

import type { DocumentFailureReason } from '@app/shared';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { DocumentVersion } from '../document-version.entity';
import { IngestError, IngestProgress } from '../ingest/ingest.types';
import { DocumentStorage, exists, VersionRef } from '../storage/document-storage';
import { DocumentIngester } from './document-ingester';
import { VersionOutcomeService } from './version-outcome.service';

const MESSAGES = {
  interrupted:
    'Tệp gốc không còn để xử lý lại sau khi máy chủ khởi động lại / ' +
    'The original file was missing when processing resumed after a restart',
  internal: 'Lỗi máy chủ khi xử lý tài liệu / The server failed while processing the document',
  timeout: 'Xử lý tài liệu quá thời gian cho phép / Processing the document took too long',
};

/** Progress is written when the stage changes or it moved this many points. */
const PROGRESS_STEP = 5;

interface RunningJob {
  versionId: string;
  documentId: string | null;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The in-process queue that ingests uploaded versions one at a time in the background (ingest
 * itself keeps the cores busy), writing stage and progress to the database as it goes so clients
 * can poll. A failure marks only that version failed. On boot, versions left `processing` by a
 * stopped server are queued again.
 */
@Injectable()
export class DocumentProcessingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DocumentProcessingService.name);
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private running: RunningJob | null = null;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly config: AppConfig,
    private readonly storage: DocumentStorage,
    private readonly ingester: DocumentIngester,
    private readonly outcome: VersionOutcomeService,
    @InjectRepository(DocumentVersion) private readonly versions: Repository<DocumentVersion>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.outcome.repairCurrentVersions();
    const stuck = await this.versions.find({ where: { status: 'processing' }, order: { createdAt: 'ASC' } });
    if (stuck.length) this.logger.log(`Resuming ${stuck.length} document version(s) left processing`);
    for (const version of stuck) this.enqueue(version.id);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.queued.clear();
    const job = this.running;
    if (!job) return;
    job.controller.abort(new Error('Server shutting down'));
    // Versions cut short stay `processing` and are queued again at the next start.
    await Promise.race([job.done, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }

  enqueue(versionId: string): void {
    if (this.stopped || this.queued.has(versionId) || this.running?.versionId === versionId) return;
    this.queue.push(versionId);
    this.queued.add(versionId);
    this.pump();
  }

  /** Stops work on a document being deleted and waits (briefly) for its tools to be gone. */
  async cancelDocument(documentId: string): Promise<void> {
    const job = this.running;
    if (job?.documentId !== documentId) return;
    job.controller.abort(new Error('Document deleted'));
    await Promise.race([job.done, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }

  /** Resolves once nothing is queued or running (tests, the seed). */
  whenIdle(): Promise<void> {
    if (!this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    if (this.running || this.stopped) return;
    const versionId = this.queue.shift();
    if (!versionId) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
      return;
    }
    this.queued.delete(versionId);
    const job: RunningJob = {
      versionId,
      documentId: null,
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    this.running = job;
    job.done = this.process(job)
      .catch((error) => this.logger.error(`Processing ${versionId} crashed: ${String(error)}`))
      .finally(() => {
        this.running = null;
        this.pump();
      });
  }

  private async process(job: RunningJob): Promise<void> {
    const version = await this.versions.findOne({ where: { id: job.versionId }, relations: { document: true } });
    if (!version || version.status !== 'processing') return;
    job.documentId = version.documentId;
    const ref: VersionRef = {
      meetingId: version.document.meetingId,
      documentId: version.documentId,
      number: version.number,
    };
    const source = await this.locateSource(version, ref);
    if (!source) {
      await this.outcome.failed(version.id, 'interrupted', MESSAGES.interrupted);
      return;
    }
    const workDir = this.storage.workDir(ref);
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    const progress = new ProgressWriter((stage, percent) => this.outcome.progress(version.id, stage, percent));
    const watchdog = setTimeout(() => job.controller.abort(new WatchdogTimeout()), this.watchdogMs());
    try {
      const result = await this.ingester.ingest(source, workDir, (p) => progress.report(p), job.controller.signal);
      await progress.flush();
      await this.outcome.ready(version, ref, result);
    } catch (error) {
      await progress.flush();
      const reason = job.controller.signal.reason as unknown;
      // Shutdown or deletion: nothing to record (after a shutdown the version is resumed at boot).
      if (this.stopped || (job.controller.signal.aborted && !(reason instanceof WatchdogTimeout))) return;
      const [failure, message] = this.describe(error, reason);
      if (failure === 'internal')
        this.logger.error(`Version ${version.id}: ${String((error as Error)?.stack ?? error)}`);
      await this.outcome.failed(version.id, failure, message);
    } finally {
      clearTimeout(watchdog);
      await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private describe(error: unknown, abortReason: unknown): [DocumentFailureReason, string] {
    if (error instanceof IngestError) return [error.reason, error.message];
    if (abortReason instanceof WatchdogTimeout) return ['timeout', MESSAGES.timeout];
    return ['internal', MESSAGES.internal];
  }

  /** The stored original; documents from before versions existed are moved into place first. */
  private async locateSource(version: DocumentVersion, ref: VersionRef): Promise<string | null> {
    const source = this.storage.sourcePath(ref, version.sourceKind);
    if (await exists(source)) return source;
    const legacy = this.storage.legacyPath(ref.meetingId, ref.documentId);
    if (version.number !== 1 || !(await exists(legacy))) return null;
    await mkdir(this.storage.versionDir(ref), { recursive: true });
    await rename(legacy, source);
    return source;
  }

  /** A last resort above the ingest's own per-tool timeouts, so one stuck job cannot stall the queue. */
  private watchdogMs(): number {
    return (this.config.documents.conversionTimeoutSeconds * 3 + 15 * 60) * 1000;
  }
}

class WatchdogTimeout extends Error {
  constructor() {
    super('Processing took too long');
  }
}

/** Coalesces progress reports into few, ordered database writes. */
class ProgressWriter {
  private stage: string | null = null;
  private percent = -PROGRESS_STEP;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly write: (stage: DocumentVersion['stage'], percent: number) => Promise<void>) {}

  report(progress: IngestProgress): void {
    if (progress.stage === this.stage && progress.percent - this.percent < PROGRESS_STEP) return;
    this.stage = progress.stage;
    this.percent = progress.percent;
    // 100 is for `ready`: the files and texts are still to be stored.
    const percent = Math.min(99, Math.max(0, Math.round(progress.percent)));
    this.chain = this.chain.then(() => this.write(progress.stage, percent)).catch(() => undefined);
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
