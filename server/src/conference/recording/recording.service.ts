import type { RecordingResponse } from '@app/shared';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { types as ms } from 'mediasoup';
import { In, Repository } from 'typeorm';

import { AuditEvent, AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictError, DomainError, NotFoundError } from '../../common/errors/domain-errors';
import { ConferenceRecording } from './conference-recording.entity';
import { ProcessGroup } from './recorder-process';
import { RecordingDiskGuard } from './recording-disk-guard';
import { RecordingFinaliser } from './recording-finaliser';
import { RECORDING_OPTIONS, RecordingOptions } from './recording-options';
import { RecordingSession } from './recording-session';
import { RecordingStorage } from './recording-storage';
import { RecordingUnavailableError } from './recording.errors';
import { mapRecording } from './recording.mapper';
import { RtcpSignals } from './rtp-ports';
import type { RecordingSource } from './track-capture';

export type { RecordingSource } from './track-capture';

/** Who started or stopped a recording, for its row and the audit log. */
export type RecordingActor = Pick<AuthUser, 'id' | 'username'>;

/**
 * Why a recording stopped, as the audit log records it: an organiser asked (`requested`), the disk
 * was filling up, the meeting ended, everyone left, the room's media server went and none replaced
 * it, or the server itself stopped (recorded at the next boot).
 */
export type RecordingStopReason =
  | 'requested'
  | 'disk_full'
  | 'meeting_ended'
  | 'room_empty'
  | 'room_lost'
  | 'server_stopped';

/** An organiser stopping it, or the server (with its reason and anything worth keeping). */
export type RecordingStopCause =
  | { by: RecordingActor }
  | { reason: Exclude<RecordingStopReason, 'requested'>; details?: Record<string, unknown> };

export type RecordingStoppedListener = (meetingId: string, reason: RecordingStopReason) => void;

export interface StopOptions {
  /** 0..100 while the tracks are mixed into the file. */
  onProgress?: (percent: number) => void;
}

/**
 * Server-side recording of a meeting's video bridge.
 *
 * Design: per-track capture, then a mux step. While recording, every recorded producer (mics,
 * cameras, screens) leaves the room through its own PlainTransport into its own ffmpeg, which
 * copies the RTP into a Matroska file without re-encoding (cheap, and robust to sites joining and
 * leaving: each file has its start offset). At stop one ffmpeg mixes all audio (each track delayed
 * to its offset) and lays the video tracks out in a grid, into one WebM (VP8 + Opus) as long as
 * the recording's wall time. Operations on one meeting run one at a time. Starts and stops go to
 * the audit log; a start needs free disk space, and a recording stops itself when the disk fills.
 */
@Injectable()
export class RecordingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RecordingService.name);
  private readonly sessions = new Map<string, RecordingSession>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly finalising = new Set<Promise<unknown>>();
  private readonly processes = new ProcessGroup();
  private readonly rtcp = new RtcpSignals();
  private readonly shutdown = new AbortController();
  private readonly stoppedListeners: RecordingStoppedListener[] = [];
  /** The mix's percent of each recording this server is mixing (shown in the recordings list). */
  private readonly mixing = new Map<string, number>();

  constructor(
    @InjectRepository(ConferenceRecording) private readonly recordings: Repository<ConferenceRecording>,
    private readonly finaliser: RecordingFinaliser,
    private readonly storage: RecordingStorage,
    @Inject(RECORDING_OPTIONS) private readonly options: RecordingOptions,
    private readonly audit: AuditService,
    private readonly diskGuard: RecordingDiskGuard,
  ) {}

  /** A recording a server stop interrupted is finalised from the tracks it left (in the background). */
  async onApplicationBootstrap(): Promise<void> {
    const interrupted = await this.recordings.findBy({ status: In(['recording', 'processing']) });
    for (const row of interrupted) {
      this.logger.warn(`recording ${row.id} was interrupted by a server stop; finalising what was captured`);
      await this.recordings.update({ id: row.id }, { status: 'processing' });
      if (row.status === 'recording') await this.auditStop(row.meetingId, row.id, { reason: 'server_stopped' });
    }
    if (!interrupted.length) return;
    const { signal } = this.shutdown;
    this.background(
      delay(this.options.recoveryDelayMs, signal).then(async () => {
        for (const row of interrupted) {
          if (!signal.aborted) await this.finaliser.finalise(row.id, this.processes, { signal });
        }
      }),
    );
  }

  /** Captures stop cleanly (files complete); a mix in progress is killed and redone at next boot. */
  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((session) => session.close().catch(() => undefined)));
    this.processes.killAll();
    await this.whenIdle();
    this.rtcp.close();
  }

  isRecording(meetingId: string): boolean {
    return this.sessions.has(meetingId);
  }

  /** Told of every stop as it happens (capture over, file still to be mixed), whoever stopped it. */
  onStopped(listener: RecordingStoppedListener): void {
    this.stoppedListeners.push(listener);
  }

  /** NotEnoughDiskSpaceError (409) when the disk has less than RECORDING_MIN_FREE_MB free. */
  async start(
    meetingId: string,
    router: ms.Router,
    sources: RecordingSource[],
    startedBy: RecordingActor,
  ): Promise<{ startedAt: string }> {
    return this.serial(meetingId, async () => {
      if (this.sessions.has(meetingId)) {
        throw new ConflictError('Cuộc họp đang được ghi hình / This meeting is already being recorded');
      }
      await this.diskGuard.checkBeforeStart();
      const row = await this.recordings.save(
        this.recordings.create({ meetingId, status: 'recording', startedAt: new Date(), startedById: startedBy.id }),
      );
      const session = new RecordingSession(row.id, meetingId, row.startedAt, router, {
        tracksDir: this.storage.tracksDir(meetingId, row.id),
        manifestPath: this.storage.manifestPath(meetingId, row.id),
        ffmpegPath: this.options.ffmpegPath,
        listenTimeoutMs: this.options.listenTimeoutMs,
        processes: this.processes,
        rtcp: this.rtcp,
        logger: this.logger,
      });
      this.sessions.set(meetingId, session);
      let tracks = 0;
      try {
        await session.open();
        const results = await Promise.allSettled(sources.map((source) => session.add(source)));
        const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        failures.forEach((reason) => this.logger.warn(`recording ${row.id}: a track could not start: ${reason}`));
        tracks = sources.length - failures.length;
        if (sources.length > 0 && failures.length === sources.length) {
          throw new RecordingUnavailableError(
            `Không ghi hình được / Recording could not start: ${failures[0]}`.slice(0, 500),
          );
        }
      } catch (error) {
        session.failed = true;
        this.sessions.delete(meetingId);
        await session.close();
        const failure =
          error instanceof DomainError
            ? error
            : new RecordingUnavailableError(`Không ghi hình được / Recording could not start: ${String(error)}`);
        await this.recordings.update(
          { id: row.id },
          { status: 'failed', endedAt: new Date(), failureReason: failure.message },
        );
        throw failure;
      }
      this.watchRouter(session);
      this.watchDisk(session);
      await this.record({
        action: 'conference.recording_started',
        actor: startedBy,
        meetingId,
        subjectId: row.id,
        details: { tracks },
      });
      return { startedAt: row.startedAt.toISOString() };
    });
  }

  /**
   * A producer appeared mid-recording. Pass `router` when the room now lives on another router
   * (rebuilt after a worker died): later tracks are taken from it. Never throws: a track that
   * cannot start is logged and the recording goes on.
   */
  async addSource(meetingId: string, source: RecordingSource, router?: ms.Router): Promise<void> {
    await this.serial(meetingId, async () => {
      const session = this.sessions.get(meetingId);
      if (!session) return;
      if (router && router !== session.router) {
        session.router = router;
        this.watchRouter(session);
      }
      await session.add(source).catch((error: unknown) => {
        this.logger.warn(`recording ${session.recordingId}: track ${source.producer.id} not added: ${String(error)}`);
      });
    });
  }

  /** A producer went away (also noticed on its own when the producer closes). */
  async removeSource(meetingId: string, producerId: string): Promise<void> {
    await this.serial(meetingId, async () => {
      await this.sessions.get(meetingId)?.remove(producerId);
    });
  }

  /**
   * Stops capturing at once (isRecording turns false, onStopped listeners are told), then mixes the
   * tracks into the one file and resolves with the recording, `ready` or `failed` with the reason.
   * Never rejects on an ffmpeg failure; ConflictError when nothing is being recorded.
   */
  async stop(meetingId: string, cause: RecordingStopCause, options: StopOptions = {}): Promise<RecordingResponse> {
    // Taken out of the map at once, so that isRecording is false from this call on.
    const current = this.sessions.get(meetingId);
    this.sessions.delete(meetingId);
    if (current && !current.failed) {
      const reason = 'by' in cause ? 'requested' : cause.reason;
      for (const listener of this.stoppedListeners) listener(meetingId, reason);
    }
    const { session, endedAt } = await this.serial(meetingId, async () => {
      if (!current || current.failed) {
        throw new ConflictError('Không có phiên ghi hình nào đang chạy / No recording is running');
      }
      const stoppedAt = new Date();
      await current.close();
      await this.recordings.update({ id: current.recordingId }, { status: 'processing', endedAt: stoppedAt });
      await this.auditStop(meetingId, current.recordingId, cause);
      return { session: current, endedAt: stoppedAt };
    });
    const { recordingId } = session;
    this.mixing.set(recordingId, 0);
    const done = this.finaliser
      .finalise(recordingId, this.processes, {
        totalSeconds: (endedAt.getTime() - session.startedAt.getTime()) / 1000,
        onProgress: (percent) => {
          this.mixing.set(recordingId, percent);
          options.onProgress?.(percent);
        },
        signal: this.shutdown.signal,
      })
      .finally(() => this.mixing.delete(recordingId));
    this.background(done);
    return mapRecording(await done);
  }

  async list(meetingId: string): Promise<RecordingResponse[]> {
    const rows = await this.recordings.find({ where: { meetingId }, order: { startedAt: 'ASC' } });
    return rows.map((row) => mapRecording(row, this.mixing.get(row.id) ?? null));
  }

  /** The finished file of a ready recording of this meeting. */
  async file(meetingId: string, recordingId: string): Promise<{ path: string; sha256: string; startedAt: Date }> {
    const row = await this.recordings.findOneBy({ id: recordingId, meetingId });
    if (!row) throw new NotFoundError(`Không tìm thấy bản ghi hình / Recording ${recordingId} not found`);
    if (row.status !== 'ready' || !row.sha256) {
      throw new ConflictError('Bản ghi hình chưa sẵn sàng / The recording is not ready');
    }
    return { path: this.storage.filePath(meetingId, row.id), sha256: row.sha256, startedAt: row.startedAt };
  }

  /** Resolves when no recording is being mixed (tests, shutdown). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.finalising]);
  }

  /** A room whose router closes and gets no new one in time: its recording is stopped and kept. */
  private watchRouter(session: RecordingSession): void {
    const router = session.router;
    router.observer.once('close', () => {
      if (this.sessions.get(session.meetingId) !== session || session.router !== router) return;
      session.routerGoneTimer = setTimeout(() => {
        if (this.sessions.get(session.meetingId) !== session || session.router !== router) return;
        this.logger.warn(`recording ${session.recordingId}: the room's router is gone; stopping the recording`);
        this.stop(session.meetingId, { reason: 'room_lost' }).catch((error: unknown) =>
          this.logger.error(String(error)),
        );
      }, this.options.routerGoneGraceMs);
      session.routerGoneTimer.unref();
    });
  }

  /** Free space below half the minimum: the recording is stopped while its file can still be mixed. */
  private watchDisk(session: RecordingSession): void {
    session.stopDiskWatch = this.diskGuard.watch((freeBytes) => {
      if (this.sessions.get(session.meetingId) !== session) return;
      const freeMb = Math.floor(freeBytes / (1024 * 1024));
      this.logger.warn(`recording ${session.recordingId}: only ${freeMb} MB of disk left; stopping the recording`);
      this.stop(session.meetingId, { reason: 'disk_full', details: { freeMb } }).catch((error: unknown) =>
        this.logger.error(String(error)),
      );
    });
  }

  private auditStop(meetingId: string, recordingId: string, cause: RecordingStopCause): Promise<void> {
    return this.record({
      action: 'conference.recording_stopped',
      actor: 'by' in cause ? cause.by : null,
      meetingId,
      subjectId: recordingId,
      details: 'by' in cause ? { reason: 'requested' } : { reason: cause.reason, ...cause.details },
    });
  }

  /** The audit log failing must not stop or break a recording: logged. */
  private async record(event: AuditEvent): Promise<void> {
    await this.audit.record(event).catch((error: unknown) => {
      this.logger.error(`recording audit entry ${event.action} not written: ${String(error)}`);
    });
  }

  private background(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.logger.error(`recording finalise crashed: ${String(error)}`));
    this.finalising.add(tracked);
    void tracked.finally(() => this.finalising.delete(tracked));
  }

  /** Runs `work` after every earlier operation on the meeting has settled. */
  private serial<T>(meetingId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(meetingId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.queues.set(meetingId, tail);
    void tail.then(() => {
      if (this.queues.get(meetingId) === tail) this.queues.delete(meetingId);
    });
    return run;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
