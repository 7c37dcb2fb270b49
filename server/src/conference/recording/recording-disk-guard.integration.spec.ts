import { join } from 'node:path';

import type { AuditEntryResponse } from '@app/shared';
import { getRepositoryToken } from '@nestjs/typeorm';
import { createWorker } from 'mediasoup';
import { Repository } from 'typeorm';

import { AuditService } from '../../audit/audit.service';
import { createLiveMeeting, LiveMeeting } from '../../live/testing/live-fixtures';
import { BOOT_TIMEOUT, moveTo, userIdOf } from '../../meetings/testing/meeting-fixtures';
import type { TestApp } from '../../testing/test-app';
import { ConferenceTestClient, dataOf } from '../testing/conference-test-client';
import { attachPlainProducer, PlainProducer } from '../testing/plain-producer';
import { ConferenceRecording } from './conference-recording.entity';
import { DiskSpace } from './disk-space';
import { probeMedia } from './media-probe';
import { RecordingStorage } from './recording-storage';
import { RecordingService } from './recording.service';
import { bootRecordingApp, sha256Of, sleep, SMALL_RECORDING } from './testing/recording-fixtures';

const MB = 1024 * 1024;
const CHECK_MS = 300;

/**
 * The chair records the bridge (real worker; the commune site's mic is a tone from ffmpeg): the
 * disk guard refuses a start and stops a running recording when the disk fills (DiskSpace made to
 * report a full disk, none is filled), and every start and stop lands in the audit log.
 * RECORDING_MIN_FREE_MB is the default 1024.
 */
describe('recording the bridge: free disk space and the audit log', () => {
  let t: TestApp;
  let meeting: LiveMeeting;
  let meetingId: string;
  let chair: ConferenceTestClient;
  let site: ConferenceTestClient;
  let mic: PlainProducer;
  let rows: Repository<ConferenceRecording>;
  let recordings: RecordingService;
  /** What DiskSpace reports, in MB. */
  let freeMb = 50_000;
  let diskAsked: jest.SpyInstance;

  const recordingCall = (active: boolean) => chair.call('conference:recording', { meetingId, active });
  const bothSee = (active: boolean) =>
    Promise.all([chair, site].map((client) => client.state((s) => s.recording.active === active)));
  /** Every recording of the meeting mixed (the mix runs after the stop, in the background). */
  async function allMixed(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await rows.findBy({ meetingId })).some((r) => r.status === 'recording' || r.status === 'processing')) {
      if (Date.now() > deadline) throw new Error(`recordings of ${meetingId} not mixed within ${timeoutMs} ms`);
      await sleep(100);
    }
  }
  async function recordingAudit(): Promise<AuditEntryResponse[]> {
    const { entries } = await t.app.get(AuditService).list({ meetingId, limit: 50, offset: 0 });
    return entries.filter((e) => e.action.startsWith('conference.recording_')).reverse();
  }

  beforeAll(async () => {
    t = await bootRecordingApp({
      createWorker,
      listen: true,
      env: { MEDIA_RTC_MIN_PORT: '46300', MEDIA_RTC_MAX_PORT: '46399', MEDIA_WEBRTC_PORT: '46400' },
      recording: { ...SMALL_RECORDING, diskCheckIntervalMs: CHECK_MS },
    });
    expect(SMALL_RECORDING.minFreeBytes).toBe(1024 * MB);
    diskAsked = jest.spyOn(t.app.get(DiskSpace), 'freeBytes').mockImplementation(async () => freeMb * MB);
    rows = t.app.get(getRepositoryToken(ConferenceRecording));
    recordings = t.app.get(RecordingService);
    meeting = await createLiveMeeting(t);
    meetingId = meeting.meetingId;
    [chair, site] = await Promise.all(['chutoa', 'xa.anbinh'].map((u) => ConferenceTestClient.connect(t, u)));
    await chair.joinConference(meetingId);
    await site.joinConference(meetingId);
    mic = await attachPlainProducer(t.app, meetingId, meeting.participantIds['xa.anbinh'], 'mic');
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    mic?.stop();
    await Promise.all([chair, site].map((client) => client?.close()));
    await t?.close();
  });

  it('refuses to start with less free space than the minimum, saying how much is free and needed', async () => {
    freeMb = 700;
    expect(await recordingCall(true)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Không đủ dung lượng đĩa để ghi hình / Not enough disk space to record (700 MB free, 1024 MB needed)',
      },
    });
    // Asked about the disk the recordings are written to.
    expect(diskAsked).toHaveBeenLastCalledWith(t.app.get(RecordingStorage).rootDir());
    expect(t.app.get(RecordingStorage).rootDir()).toBe(join(t.config.dataDir, 'recordings'));
    expect(recordings.isRecording(meetingId)).toBe(false);
    expect(await rows.countBy({ meetingId })).toBe(0);
    expect((await chair.state(() => true)).recording).toEqual({ active: false, startedAt: null });
    expect(await recordingAudit()).toEqual([]);
  });

  it('stops a running recording when free space falls below half the minimum: file finalised, everyone told, audited', async () => {
    freeMb = 50_000;
    const started = dataOf(await recordingCall(true));
    expect(started.active).toBe(true);
    await bothSee(true);

    // Below the minimum but above half of it: it goes on (a start would be refused, a recording is not cut).
    await sleep(1000);
    freeMb = 600;
    await sleep(CHECK_MS * 4);
    expect(recordings.isRecording(meetingId)).toBe(true);

    freeMb = 400;
    await bothSee(false);
    expect(recordings.isRecording(meetingId)).toBe(false);
    const stoppedAt = Date.now();

    // The tone captured so far is mixed into a ready, playable file.
    await allMixed();
    const [row] = await rows.findBy({ meetingId });
    expect(row).toMatchObject({ status: 'ready', failureReason: null });
    const file = t.app.get(RecordingStorage).filePath(meetingId, row.id);
    const probe = await probeMedia('ffprobe', file);
    expect(probe?.audio).toBe(true);
    expect(probe?.duration).toBeGreaterThan(1.5);
    expect(row.endedAt?.getTime()).toBeLessThanOrEqual(stoppedAt);
    expect(row.sha256).toBe(await sha256Of(file));

    expect(await recordingAudit()).toEqual([
      expect.objectContaining({
        action: 'conference.recording_started',
        actorId: await userIdOf(t, 'chutoa'),
        actorName: 'chutoa',
        subjectId: row.id,
        details: { tracks: 1 },
      }),
      expect.objectContaining({
        action: 'conference.recording_stopped',
        actorId: null,
        actorName: null,
        subjectId: row.id,
        details: { reason: 'disk_full', freeMb: 400 },
      }),
    ]);
  }, 30_000);

  it('audits the chair stopping a recording, and the server stopping one when the meeting ends', async () => {
    freeMb = 50_000;
    const before = (await recordingAudit()).length;
    dataOf(await recordingCall(true));
    await sleep(1500);
    dataOf(await recordingCall(false));
    await bothSee(false);
    dataOf(await recordingCall(true));
    await bothSee(true);
    await sleep(1500);
    await moveTo(meeting.secretary, meetingId, 'closed');
    await allMixed();
    expect(recordings.isRecording(meetingId)).toBe(false);

    const ids = (await rows.find({ where: { meetingId }, order: { startedAt: 'ASC' } })).map((r) => r.id);
    const chairId = await userIdOf(t, 'chutoa');
    expect((await recordingAudit()).slice(before).map((e) => [e.action, e.actorId, e.subjectId, e.details])).toEqual([
      ['conference.recording_started', chairId, ids[1], { tracks: 1 }],
      ['conference.recording_stopped', chairId, ids[1], { reason: 'requested' }],
      ['conference.recording_started', chairId, ids[2], { tracks: 1 }],
      ['conference.recording_stopped', null, ids[2], { reason: 'meeting_ended' }],
    ]);
  }, 30_000);
});
