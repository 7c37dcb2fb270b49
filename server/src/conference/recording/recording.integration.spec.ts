import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { AuditEntryResponse, RecordingResponse } from '@app/shared';
import { Logger } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { createWorker, types as ms } from 'mediasoup';
import TestAgent from 'supertest/lib/agent';
import { Repository } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import { ConflictError } from '../../common/errors/domain-errors';
import { mediaCodecs } from '../../media/media-codecs';
import { addParticipants, BOOT_TIMEOUT, createMeeting, userIdOf } from '../../meetings/testing/meeting-fixtures';
import { loginAs } from '../../testing/login';
import type { TestApp } from '../../testing/test-app';
import { ConferenceRecording } from './conference-recording.entity';
import { RecordingDiskGuard } from './recording-disk-guard';
import { RecordingFinaliser } from './recording-finaliser';
import { RecordingOptions } from './recording-options';
import { RecordingStorage } from './recording-storage';
import { RecordingUnavailableError } from './recording.errors';
import { RecordingActor, RecordingService, RecordingSource } from './recording.service';
import {
  bootRecordingApp,
  captureProcesses,
  fakeSite,
  FakeSite,
  flowing,
  run,
  sha256Of,
  sleep,
  SMALL_RECORDING,
} from './testing/recording-fixtures';

describe('server-side recording (real mediasoup worker, real ffmpeg)', () => {
  let t: TestApp;
  let worker: ms.Worker;
  let router: ms.Router;
  let recordings: RecordingService;
  let rows: Repository<ConferenceRecording>;
  let storage: RecordingStorage;
  let secretary: TestAgent;
  let delegate: TestAgent;
  let outsider: TestAgent;
  let chair: RecordingActor;
  const sites: FakeSite[] = [];

  /** What the recorder logged as going wrong: shown when a test fails, so the cause is visible. */
  const problems: string[] = [];

  beforeAll(async () => {
    for (const level of ['warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        if (String(args[0]).startsWith('recording')) problems.push(String(args[0]));
      });
    }
    t = await bootRecordingApp();
    recordings = t.app.get(RecordingService);
    rows = t.app.get(getRepositoryToken(ConferenceRecording));
    storage = t.app.get(RecordingStorage);
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
    outsider = await loginAs(t, 'khach');
    chair = { id: await userIdOf(t, 'chutoa'), username: 'chutoa' };
    worker = await createWorker({ logLevel: 'warn', rtcMinPort: 46100, rtcMaxPort: 46299 });
    router = await worker.createRouter({ mediaCodecs });
  }, BOOT_TIMEOUT);

  afterAll(async () => {
    for (const site of sites) site.ffmpeg.kill('SIGKILL');
    worker?.close();
    await t?.close();
  });

  function bySource(site: FakeSite, source: RecordingSource['source']): RecordingSource {
    const found = site.sources.find((s) => s.source === source);
    if (!found) throw new Error(`no ${source}`);
    return found;
  }

  /** Another RecordingService on the same database and disk: a server restarted, or configured differently. */
  function service(options: RecordingOptions): RecordingService {
    return new RecordingService(
      rows,
      t.app.get(RecordingFinaliser),
      storage,
      options,
      t.app.get(AuditService),
      t.app.get(RecordingDiskGuard),
    );
  }

  /** The meeting's recording entries of the audit log, oldest first. */
  async function recordingAudit(meetingId: string): Promise<AuditEntryResponse[]> {
    const { entries } = await t.app.get(AuditService).list({ meetingId, limit: 50, offset: 0 });
    return entries.filter((e) => e.action.startsWith('conference.recording_')).reverse();
  }

  async function meetingWithDelegate(): Promise<string> {
    const meeting = await createMeeting(secretary, 1, { title: 'Họp trực tuyến với các xã' });
    await addParticipants(secretary, t, meeting.id, ['daibieu']);
    return meeting.id;
  }

  it('records two sites and one screen share joining mid-way into one playable file of the wall time', async () => {
    const meetingId = await meetingWithDelegate();
    const hall = await fakeSite(router, 'p-hall', 'Hội trường huyện', { camera: 'testsrc', mic: 440 });
    const commune = await fakeSite(router, 'p-xa', 'Xã An Bình', { camera: 'testsrc2', mic: 660, screen: 'smptebars' });
    sites.push(hall, commune);
    await flowing([...hall.sources, ...commune.sources]);
    const screen = bySource(commune, 'screen');
    const before = (await router.dump()).transportIds;

    const wallStart = Date.now();
    const started = await recordings.start(
      meetingId,
      router,
      [...hall.sources, ...commune.sources.filter((s) => s !== screen)],
      chair,
    );
    expect(Date.parse(started.startedAt)).toBeGreaterThanOrEqual(wallStart - 5);
    expect(recordings.isRecording(meetingId)).toBe(true);
    await expect(recordings.start(meetingId, router, [], chair)).rejects.toBeInstanceOf(ConflictError);
    // Four recorder transports, one per recorded producer.
    expect(problems).toEqual([]);
    expect((await router.dump()).transportIds).toHaveLength(before.length + 4);

    // At 2 s the commune shares its screen; at 4 s the hall turns its camera off (later on a slow host).
    await sleep(wallStart + 2000 - Date.now());
    await recordings.addSource(meetingId, screen);
    await sleep(Math.max(wallStart + 4000 - Date.now(), 1500));
    await recordings.removeSource(meetingId, bySource(hall, 'camera').producer.id);
    await sleep(Math.max(wallStart + 6000 - Date.now(), 1000));

    const progress: number[] = [];
    const wallSeconds = (Date.now() - wallStart) / 1000;
    // What the recordings list says meanwhile (the meeting page shows it), read at each step of the mix.
    const listsDuringMix: Promise<RecordingResponse[]>[] = [];
    const stopping = recordings.stop(
      meetingId,
      { by: chair },
      {
        onProgress: (p) => {
          progress.push(p);
          listsDuringMix.push(recordings.list(meetingId));
        },
      },
    );
    expect(recordings.isRecording(meetingId)).toBe(false);
    const muxStart = Date.now();
    const recording = await stopping;
    // Every track, the screen share too, made it into the mix.
    expect(problems).toEqual([]);
    const muxMs = Date.now() - muxStart;

    expect(recording).toMatchObject({ status: 'ready', failureReason: null });
    const file = storage.filePath(meetingId, recording.id);
    const probe = JSON.parse(
      (
        await run('ffprobe', [
          '-v',
          'error',
          '-count_frames',
          '-show_entries',
          'stream=codec_type,codec_name,nb_read_frames:format=duration',
          '-of',
          'json',
          file,
        ])
      ).stdout,
    ) as {
      streams: { codec_type: string; codec_name: string; nb_read_frames: string }[];
      format: { duration: string };
    };
    expect(probe.streams.map((s) => `${s.codec_type}/${s.codec_name}`).sort()).toEqual(['audio/opus', 'video/vp8']);
    const duration = Number(probe.format.duration);
    console.log(
      `recording: ${duration.toFixed(2)} s of file for ${wallSeconds.toFixed(2)} s of wall time; mux ${muxMs} ms`,
    );
    expect(Math.abs(duration - wallSeconds)).toBeLessThanOrEqual(1.5);
    expect(Number(probe.streams.find((s) => s.codec_type === 'video')?.nb_read_frames)).toBeGreaterThan(0);
    const decoded = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
    expect(decoded.stderr).toBe('');

    // Mixing reported its progress, rising to 100.
    expect(progress.length).toBeGreaterThan(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.at(-1)).toBe(100);
    const processing = (await Promise.all(listsDuringMix)).flatMap((list) =>
      list.filter((r) => r.status === 'processing'),
    );
    expect(processing.length).toBeGreaterThan(0);
    for (const shown of processing) {
      expect(shown.progress).toBeGreaterThanOrEqual(0);
      expect(shown.progress).toBeLessThanOrEqual(100);
    }
    expect((await recordings.list(meetingId)).find((r) => r.id === recording.id)?.progress).toBeNull();

    // The row describes the file; the raw tracks are gone.
    const row = await rows.findOneByOrFail({ id: recording.id });
    expect(row).toMatchObject({
      status: 'ready',
      sha256: await sha256Of(file),
      fileBytes: (await stat(file)).size,
      path: join('recordings', meetingId, recording.id, 'recording.webm'),
      startedById: await userIdOf(t, 'chutoa'),
    });
    expect(Math.abs((row.durationMs ?? 0) / 1000 - duration)).toBeLessThan(0.01);
    // The audit log says who started and stopped which recording.
    expect(await recordingAudit(meetingId)).toEqual([
      expect.objectContaining({
        action: 'conference.recording_started',
        actorId: chair.id,
        actorName: 'chutoa',
        subjectId: recording.id,
        details: { tracks: 4 },
      }),
      expect.objectContaining({
        action: 'conference.recording_stopped',
        actorId: chair.id,
        subjectId: recording.id,
        details: { reason: 'requested' },
      }),
    ]);
    await expect(stat(storage.tracksDir(meetingId, recording.id))).rejects.toThrow();

    // Nothing of the recorder is left in the room, and no ffmpeg of it runs.
    expect((await router.dump()).transportIds.sort()).toEqual([...before].sort());
    expect(await captureProcesses()).toEqual([]);

    // Participants list and download it (with Range, for seeking); others do not learn it exists.
    const listed = (await delegate.get(`/api/meetings/${meetingId}/recordings`).expect(200))
      .body as RecordingResponse[];
    expect(listed).toEqual([expect.objectContaining({ id: recording.id, status: 'ready', sha256: row.sha256 })]);
    const url = `/api/meetings/${meetingId}/recordings/${recording.id}/file`;
    expect(listed[0].downloadUrl).toBe(url);
    const download = await delegate
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('video/webm');
    expect((download.body as Buffer).length).toBe(row.fileBytes);
    await delegate.get(url).set('Range', 'bytes=0-99').expect(206);
    await outsider.get(`/api/meetings/${meetingId}/recordings`).expect(404);
    await outsider.get(url).expect(404);
  }, 90_000);

  it('fails to start, with the reason and without leaving transports, when ffmpeg cannot run', async () => {
    const meetingId = await meetingWithDelegate();
    const broken = service({ ...SMALL_RECORDING, ffmpegPath: '/nonexistent/ffmpeg' });
    const before = (await router.dump()).transportIds;
    await expect(broken.start(meetingId, router, sites[0].sources, chair)).rejects.toBeInstanceOf(
      RecordingUnavailableError,
    );
    expect(broken.isRecording(meetingId)).toBe(false);
    const [row] = await rows.findBy({ meetingId });
    expect(row).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('Recording could not start'),
    });
    expect((await router.dump()).transportIds).toEqual(before);
    // Nothing was recorded, so nothing is in the audit log.
    expect(await recordingAudit(meetingId)).toEqual([]);
  });

  it('finalises at the next boot a recording that a server stop interrupted', async () => {
    const meetingId = await meetingWithDelegate();
    const first = service(SMALL_RECORDING);
    await first.start(meetingId, router, sites[1].sources.slice(0, 2), chair);
    await sleep(3000);
    await first.onModuleDestroy(); // the server stops mid-recording
    expect((await rows.findOneByOrFail({ meetingId })).status).toBe('recording');
    expect(await captureProcesses()).toEqual([]);

    const next = service(SMALL_RECORDING);
    await next.onApplicationBootstrap();
    await next.whenIdle();
    const row = await rows.findOneByOrFail({ meetingId });
    expect(row.status).toBe('ready');
    expect(row.durationMs).toBeGreaterThan(1500);
    expect(row.sha256).toBe(await sha256Of(storage.filePath(meetingId, row.id)));
    // Stopped by nobody: the server went down; written once, at the boot that found it.
    expect((await recordingAudit(meetingId)).map((e) => [e.action, e.actorId, e.details])).toEqual([
      ['conference.recording_started', chair.id, { tracks: 2 }],
      ['conference.recording_stopped', null, { reason: 'server_stopped' }],
    ]);
    await next.onModuleDestroy();
  }, 60_000);
});
