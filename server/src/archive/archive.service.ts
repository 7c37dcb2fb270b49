import { createReadStream, ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { ArchiveJobResponse } from '@app/shared';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { Meeting } from '../meetings/meeting.entity';
import { STATUS_LABEL_VI } from '../meetings/meeting-rules';
import { foldForSearch } from '../people/search-text';
import { ArchiveFileError, buildArchive } from './archive-builder';
import { ArchiveContents } from './archive-contents';
import { ArchiveJob } from './archive-job.entity';
import { mapArchiveJob } from './archive.mapper';

interface RunningJob {
  percent: number;
  controller: AbortController;
  done: Promise<void>;
}

export interface ArchiveDownload {
  stream: ReadStream;
  fileName: string;
  sizeBytes: number;
}

/**
 * Meeting archive ZIPs, built one job at a time per meeting in the background. Job rows survive a
 * restart (an interrupted job is marked failed at boot); the live percent is kept in memory.
 */
@Injectable()
export class ArchiveService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ArchiveService.name);
  private readonly running = new Map<string, RunningJob>();

  constructor(
    @InjectRepository(ArchiveJob) private readonly jobs: Repository<ArchiveJob>,
    private readonly dataSource: DataSource,
    private readonly contents: ArchiveContents,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  get archivesDir(): string {
    return join(this.config.dataDir, 'archives');
  }

  async onApplicationBootstrap(): Promise<void> {
    const interrupted = await this.jobs.findBy({ status: 'running' });
    for (const job of interrupted) {
      await this.finish(job.id, { status: 'failed', error: INTERRUPTED });
    }
    // Half-written ZIPs of interrupted jobs.
    const leftovers = await readdir(this.archivesDir).catch(() => [] as string[]);
    await Promise.all(
      leftovers.filter((f) => f.endsWith('.part')).map((f) => rm(join(this.archivesDir, f), { force: true })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const job of this.running.values()) job.controller.abort(new Error('shutdown'));
    await this.whenIdle();
  }

  /** Resolves when no job is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.running.values()].map((job) => job.done));
  }

  /** A closed or archived meeting only. While a job of the meeting runs, that job is returned. */
  async start(meetingId: string, actor: AuthUser, ip: string): Promise<ArchiveJobResponse> {
    const meeting = await this.dataSource.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    if (meeting.status !== 'closed' && meeting.status !== 'archived') {
      throw new ConflictError(
        `Chỉ lập hồ sơ lưu trữ cho cuộc họp đã kết thúc; cuộc họp này ${STATUS_LABEL_VI[meeting.status]} / ` +
          `Only a closed or archived meeting can be archived; this one is ${meeting.status}`,
      );
    }
    const current = await this.jobs.findOneBy({ meetingId, status: 'running' });
    if (current && this.running.has(current.id)) return mapArchiveJob(current, this.running.get(current.id)?.percent);
    const job = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ArchiveJob, { meetingId, requestedById: actor.id, status: 'running' }),
      );
      await this.audit.record(
        { action: 'archive.exported', actor, meetingId, subjectId: created.id, ip, details: { jobId: created.id } },
        manager,
      );
      return created;
    });
    this.launch(job, actor);
    return mapArchiveJob(job, 0);
  }

  async get(meetingId: string, jobId: string): Promise<ArchiveJobResponse> {
    const job = await this.find(meetingId, jobId);
    return mapArchiveJob(job, this.running.get(job.id)?.percent);
  }

  async download(meetingId: string, jobId: string, actor: AuthUser, ip: string): Promise<ArchiveDownload> {
    const job = await this.find(meetingId, jobId);
    if (job.status !== 'done') {
      throw new ConflictError(
        job.status === 'running'
          ? 'Hồ sơ lưu trữ đang được lập / The archive is still being built'
          : 'Lập hồ sơ lưu trữ thất bại / The archive could not be built',
      );
    }
    const path = this.zipPath(job.id);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new NotFoundError('Tệp lưu trữ không còn / The archive file is gone');
    const meeting = await this.dataSource.getRepository(Meeting).findOneByOrFail({ id: meetingId });
    await this.audit.record({ action: 'archive.downloaded', actor, meetingId, subjectId: job.id, ip });
    return { stream: createReadStream(path), fileName: downloadName(meeting), sizeBytes: size };
  }

  private launch(job: ArchiveJob, actor: AuthUser): void {
    const controller = new AbortController();
    const entry: RunningJob = { percent: 0, controller, done: Promise.resolve() };
    this.running.set(job.id, entry);
    entry.done = this.build(job, actor, entry)
      .catch((error: unknown) => this.logger.error(`Archive job ${job.id} crashed: ${String(error)}`))
      .finally(() => this.running.delete(job.id));
  }

  private async build(job: ArchiveJob, actor: AuthUser, entry: RunningJob): Promise<void> {
    const part = join(this.archivesDir, `${job.id}.zip.part`);
    try {
      await mkdir(this.archivesDir, { recursive: true });
      const now = new Date();
      const plan = await this.contents.plan(job.meetingId, { id: actor.id, username: actor.username }, now);
      const built = await buildArchive(plan, part, (p) => (entry.percent = p), entry.controller.signal, now);
      await rename(part, this.zipPath(job.id));
      await this.finish(job.id, { status: 'done', sizeBytes: built.sizeBytes, sha256: built.sha256 });
    } catch (error) {
      await rm(part, { force: true });
      const message =
        error instanceof ArchiveFileError
          ? `Thiếu hoặc hỏng tệp tài liệu hay bản ghi hình / A document or recording file is missing or damaged: ${error.message}`
          : entry.controller.signal.aborted
            ? INTERRUPTED
            : 'Lỗi khi lập hồ sơ lưu trữ / The archive could not be written';
      if (!(error instanceof ArchiveFileError)) this.logger.error(`Archive job ${job.id}: ${String(error)}`);
      await this.finish(job.id, { status: 'failed', error: message });
    }
  }

  private async finish(id: string, changes: Partial<ArchiveJob>): Promise<void> {
    await this.jobs.update({ id }, { ...changes, finishedAt: new Date() });
  }

  private async find(meetingId: string, jobId: string): Promise<ArchiveJob> {
    const job = await this.jobs.findOneBy({ id: jobId, meetingId });
    if (!job) throw new NotFoundError(`Không tìm thấy yêu cầu lưu trữ / Archive job ${jobId} not found`);
    return job;
  }

  private zipPath(jobId: string): string {
    return join(this.archivesDir, `${jobId}.zip`);
  }
}

const INTERRUPTED = 'Bị gián đoạn khi máy chủ dừng / Interrupted by a server stop';

/** ASCII, for the download name: `ho-so-hop-2026-11-30-ky-hop-thu-muoi-hai.zip`. */
function downloadName(meeting: Meeting): string {
  const slug = foldForSearch(meeting.title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `ho-so-hop-${meeting.startsAt.toISOString().slice(0, 10)}${slug ? `-${slug}` : ''}.zip`;
}
