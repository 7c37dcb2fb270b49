import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { AuditPageResponse, TransportOptions } from '@app/shared';
import { createWorker } from 'mediasoup';
import { DataSource } from 'typeorm';

import { AttendanceRecord } from '../live/attendance/attendance.entity';
import { createLiveMeeting, LiveMeeting } from '../live/testing/live-fixtures';
import { BOOT_TIMEOUT, userIdOf } from '../meetings/testing/meeting-fixtures';
import { loginAs } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';
import { HEALTH_INTERVAL_MS } from './conference-health.service';
import { ConferenceTestClient, dataOf, plainCapabilities } from './testing/conference-test-client';

/** The next `conference:readmitted` on a client's socket (the test client does not record it). */
const readmittedAt = (client: ConferenceTestClient) =>
  new Promise<{ meetingId: string }>((resolve) => client.live.socket.once('conference:readmitted', resolve));

const WEBRTC_PORT = 43100;
const TURN_SECRET = 'coturn-static-secret';

describe('conference signalling: who may join and do what', () => {
  let t: TestApp;
  let meeting: LiveMeeting;
  const clients: ConferenceTestClient[] = [];
  const connect = async (username: string) => {
    const client = await ConferenceTestClient.connect(t, username);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      createWorker,
      env: {
        MEDIA_RTC_MIN_PORT: '43000',
        MEDIA_RTC_MAX_PORT: '43099',
        MEDIA_WEBRTC_PORT: String(WEBRTC_PORT),
        TURN_URLS: 'turn:turn.huyen.test:3478?transport=udp',
        TURN_SECRET,
        TURN_TTL_SECONDS: '600',
      },
    });
  });
  beforeEach(async () => {
    meeting = await createLiveMeeting(t);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(() => t.close());

  it('gives a participant the router, a time-limited TURN credential and the room; transports share the worker port', async () => {
    const chair = await connect('chutoa');
    const site = await connect('xa.anbinh');
    const before = Math.floor(Date.now() / 1000);
    const info = await chair.joinConference(meeting.meetingId);
    await site.joinConference(meeting.meetingId);

    expect(info.peerId).toBe(meeting.participantIds['chutoa']);
    expect((info.routerRtpCapabilities as { codecs: { mimeType: string }[] }).codecs.map((c) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']),
    );
    const [turn] = info.iceServers;
    const [expiry, userId] = turn.username!.split(':');
    expect(turn.urls).toEqual(['turn:turn.huyen.test:3478?transport=udp']);
    expect(userId).toBe(await userIdOf(t, 'chutoa'));
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
    expect(Number(expiry)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'));

    const state = await chair.state((s) => s.peers.length === 2);
    expect(state.peers.find((p) => p.peerId === meeting.participantIds['xa.anbinh'])).toMatchObject({
      kind: 'site',
      meetingRole: 'site',
      mutedByChair: false,
      producers: {},
    });

    // Every transport of the worker listens on its WebRtcServer's one UDP and one TCP port.
    const transports: TransportOptions[] = [];
    for (const [client, direction] of [
      [chair, 'send'],
      [chair, 'recv'],
      [site, 'send'],
    ] as const) {
      transports.push(dataOf(await client.call('conference:transport', { meetingId: meeting.meetingId, direction })));
    }
    const candidates = transports.flatMap(
      (transport) => transport.iceCandidates as { protocol: string; port: number }[],
    );
    expect(new Set(candidates.map((c) => `${c.protocol}:${c.port}`))).toEqual(
      new Set([`udp:${WEBRTC_PORT}`, `tcp:${WEBRTC_PORT}`]),
    );
  });

  it('joins in one round trip with a device loaded beforehand: both transports, offers on its receiving one', async () => {
    const chair = await connect('chutoa');
    const site = await connect('xa.anbinh');
    const outsider = await connect('khach');
    const { meetingId } = meeting;
    const chairInfo = await chair.joinConference(meetingId);
    const producerId = await chair.produceMic(meetingId, 4242);

    expect(await outsider.call('conference:capabilities', { meetingId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const { routerRtpCapabilities } = dataOf(await site.call('conference:capabilities', { meetingId }));
    expect(routerRtpCapabilities).toEqual(chairInfo.routerRtpCapabilities);
    expect(await site.call('conference:join', { meetingId, rtpCapabilities: { codecs: 'none' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    const offered = site.next('conference:consumer');
    const info = dataOf(
      await site.call('conference:join', { meetingId, rtpCapabilities: plainCapabilities(chairInfo) }),
    );
    expect(info.transports?.send.id).toEqual(expect.any(String));
    expect(info.transports?.recv.id).not.toBe(info.transports?.send.id);
    expect(await offered).toMatchObject({ producerId, transportId: info.transports?.recv.id, kind: 'audio' });
    // No `transport` or `ready` was needed: the offer can be taken up at once.
    expect(
      await site.call('conference:consumer-resume', { meetingId, consumerId: (await offered).consumerId }),
    ).toEqual({ ok: true, data: null });
  });

  it('answers a non-participant 404, a delegate moderating 403 and a malformed payload VALIDATION_FAILED', async () => {
    const outsider = await connect('khach');
    const delegate = await connect('daibieu');
    const { meetingId } = meeting;

    expect(await outsider.call('conference:join', { meetingId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await delegate.joinConference(meetingId);
    for (const [event, payload] of [
      ['conference:mute', { meetingId, peerId: meeting.participantIds['daibieu2'], muted: true }],
      ['conference:mute-all', { meetingId, locked: true }],
      ['conference:remove', { meetingId, peerId: meeting.participantIds['daibieu2'] }],
      ['conference:readmit', { meetingId, peerId: meeting.participantIds['daibieu2'] }],
      ['conference:recording', { meetingId, active: true }],
      ['conference:readiness', { meetingId }],
    ] as const) {
      expect(await delegate.live.callRaw(event, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    expect(await delegate.live.callRaw('conference:join', { meetingId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const send = dataOf(await delegate.call('conference:transport', { meetingId, direction: 'send' }));
    // The mic is the only audio source (shared schema).
    expect(
      await delegate.live.callRaw('conference:produce', {
        meetingId,
        transportId: send.id,
        kind: 'audio',
        source: 'camera',
        rtpParameters: {},
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // mediasoup's own validation of the wire objects is the client's fault too, not a 500.
    expect(
      await delegate.call('conference:transport-connect', {
        meetingId,
        transportId: send.id,
        dtlsParameters: { role: 'sideways', fingerprints: 'none' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(
      await delegate.call('conference:produce', {
        meetingId,
        transportId: send.id,
        kind: 'video',
        source: 'camera',
        rtpParameters: { codecs: [{ mimeType: 'video/VP9000', payloadType: 101, clockRate: 90000 }], encodings: [] },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Someone else's transport is not yours.
    const other = await connect('daibieu2');
    await other.joinConference(meetingId);
    expect(await other.call('conference:transport-restart-ice', { meetingId, transportId: send.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('runs the bridge only while the meeting is live, but lets a site test before it starts', async () => {
    const scheduled = await createLiveMeeting(t, { status: 'scheduled' });
    const site = await connect('xa.anbinh');
    expect(await site.call('conference:join', { meetingId: scheduled.meetingId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const info = await site.joinConference(scheduled.meetingId, true);
    expect(info.state.peers.map((p) => p.peerId)).toEqual([scheduled.participantIds['xa.anbinh']]);
  });

  it('checks a person in online by video, and leaves a site and an attendance already recorded alone', async () => {
    const records = t.app.get(DataSource).getRepository(AttendanceRecord);
    const delegate = await connect('daibieu');
    const site = await connect('xa.anbinh');
    const other = await connect('daibieu2');
    dataOf(await other.liveCall('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' }));

    await delegate.joinConference(meeting.meetingId);
    await site.joinConference(meeting.meetingId);
    await other.joinConference(meeting.meetingId);

    const byParticipant = async (username: string) =>
      records.findOneBy({ meetingId: meeting.meetingId, participantId: meeting.participantIds[username] });
    expect(await byParticipant('daibieu')).toMatchObject({ status: 'online', source: 'video' });
    expect(await byParticipant('daibieu2')).toMatchObject({ status: 'in_person', source: 'self' });
    expect(await byParticipant('xa.anbinh')).toBeNull();
  });

  it('removes a site: it is told, it leaves everyone’s view and its rejoin is refused until the chair readmits it', async () => {
    const chair = await connect('chutoa');
    const site = await connect('xa.anbinh');
    const { meetingId } = meeting;
    const siteId = meeting.participantIds['xa.anbinh'];
    // Both pages are in the live session too: only the site is told it was readmitted.
    for (const client of [chair, site]) dataOf(await client.liveCall('live:join', { meetingId }));
    await chair.joinConference(meetingId);
    await site.joinConference(meetingId);
    await chair.state((s) => s.peers.length === 2);

    const removed = site.next('conference:removed');
    expect(await chair.call('conference:remove', { meetingId, peerId: siteId })).toEqual({ ok: true, data: null });
    expect(await removed).toEqual({ meetingId });
    const state = await chair.state((s) => s.peers.map((p) => p.peerId).join() === meeting.participantIds['chutoa']);
    expect(state.removedPeerIds).toEqual([siteId]);
    expect(await site.call('conference:join', { meetingId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const readmitted = readmittedAt(site);
    const chairTold = jest.fn();
    chair.live.socket.on('conference:readmitted', chairTold);
    expect(await chair.call('conference:readmit', { meetingId, peerId: siteId })).toEqual({ ok: true, data: null });
    expect(await readmitted).toEqual({ meetingId });
    expect(chairTold).not.toHaveBeenCalled(); // sent before the chair's answer, had it been sent
    await chair.state((s) => s.removedPeerIds.length === 0);
    expect(await chair.call('conference:readmit', { meetingId, peerId: siteId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const info = await site.joinConference(meetingId);
    expect(info.state.peers.map((p) => p.peerId).sort()).toEqual([meeting.participantIds['chutoa'], siteId].sort());

    const secretary = await connect('thuky');
    await secretary.joinConference(meetingId);
    expect(await chair.call('conference:remove', { meetingId, peerId: meeting.participantIds['thuky'] })).toMatchObject(
      { ok: false, error: { code: 'FORBIDDEN' } },
    );
  });

  it('audits every moderation act under the organiser’s user, naming the peer', async () => {
    const chair = await connect('chutoa');
    const site = await connect('xa.anbinh');
    const delegate = await connect('daibieu');
    const { meetingId } = meeting;
    const siteId = meeting.participantIds['xa.anbinh'];
    for (const client of [chair, site, delegate]) await client.joinConference(meetingId);
    const displayName = (await chair.state((s) => s.peers.length === 3)).peers.find(
      (p) => p.peerId === siteId,
    )?.displayName;
    expect(displayName).toEqual(expect.any(String));

    for (const [event, payload] of [
      ['conference:mute', { meetingId, peerId: siteId, muted: true }],
      ['conference:mute', { meetingId, peerId: siteId, muted: false }],
      ['conference:mute-all', { meetingId, locked: true }],
      ['conference:lock', { meetingId, locked: false }],
      ['conference:lock', { meetingId, locked: true }],
      ['conference:remove', { meetingId, peerId: siteId }],
      ['conference:readmit', { meetingId, peerId: siteId }],
    ] as const) {
      expect(await chair.live.callRaw(event, payload)).toEqual({ ok: true, data: null });
    }
    // Refused acts leave no trace.
    expect(await delegate.call('conference:lock', { meetingId, locked: false })).toMatchObject({ ok: false });

    const admin = await loginAs(t, 'quantri');
    const page = (await admin.get(`/api/audit?meetingId=${meetingId}&limit=100`).expect(200)).body as AuditPageResponse;
    const acts = page.entries.filter((entry) => entry.action.startsWith('conference.')).reverse();
    expect(acts.map((entry) => [entry.action, entry.subjectId, entry.details])).toEqual([
      ['conference.muted', siteId, { displayName }],
      ['conference.unmuted', siteId, { displayName }],
      // The site and the delegate; the chair's own mic stays open.
      ['conference.muted_all', null, { locked: true, peers: 2 }],
      ['conference.unlocked', null, null],
      ['conference.locked', null, null],
      ['conference.removed', siteId, { displayName }],
      ['conference.readmitted', siteId, { displayName }],
    ]);
    const chairUserId = await userIdOf(t, 'chutoa');
    expect(acts.every((entry) => entry.actorId === chairUserId && entry.meetingId === meetingId)).toBe(true);
  });

  it('sends the bridge’s state and health to an organiser in the live session who is not in the video, not to a delegate', async () => {
    const secretary = await connect('thuky');
    const delegate = await connect('daibieu');
    const site = await connect('xa.anbinh');
    const { meetingId } = meeting;
    const siteId = meeting.participantIds['xa.anbinh'];
    for (const client of [secretary, delegate]) dataOf(await client.liveCall('live:join', { meetingId }));
    await site.joinConference(meetingId);

    const report = await secretary.next('conference:health', () => true, 3 * HEALTH_INTERVAL_MS);
    expect(report).toEqual({ meetingId, peers: [expect.objectContaining({ peerId: siteId, micOn: false })] });
    expect(delegate.all('conference:health')).toEqual([]);
    expect(site.all('conference:health')).toEqual([]);
    // The console lists the sites from the bridge's state, sent to it as to the peers.
    await secretary.state((s) => s.peers.map((p) => p.peerId).join() === siteId);
    expect(delegate.all('conference:state')).toEqual([]);
    // An organiser arriving in the live session later gets the state at once; the bridge emptying is shown.
    const chair = await connect('chutoa');
    dataOf(await chair.liveCall('live:join', { meetingId }));
    await chair.state((s) => s.peers.map((p) => p.peerId).join() === siteId, 2000);
    dataOf(await site.call('conference:leave', { meetingId }));
    await chair.state((s) => s.peers.length === 0);

    // Out of the live session (and not in the video), the console no longer gets it.
    dataOf(await secretary.liveCall('live:leave', { meetingId }));
    const received = secretary.all('conference:health').length;
    await new Promise((resolve) => setTimeout(resolve, 1.5 * HEALTH_INTERVAL_MS));
    expect(secretary.all('conference:health')).toHaveLength(received);
  });

  it('starts the mic of a peer joining a locked room paused, and refuses its unmute', async () => {
    const chair = await connect('chutoa');
    const delegate = await connect('daibieu');
    const { meetingId } = meeting;
    await chair.joinConference(meetingId);
    dataOf(await chair.call('conference:mute-all', { meetingId, locked: true }));

    const info = await delegate.joinConference(meetingId);
    expect(info.state.locked).toBe(true);
    const producerId = await delegate.produceMic(meetingId, 7777);
    const state = await chair.state(
      (s) => !!s.peers.find((p) => p.peerId === meeting.participantIds['daibieu'])?.producers.mic,
    );
    expect(state.peers.find((p) => p.peerId === meeting.participantIds['daibieu'])?.producers.mic).toEqual({
      producerId,
      paused: true,
    });
    expect(await delegate.call('conference:producer-pause', { meetingId, producerId, paused: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Muting oneself is always allowed.
    expect(await delegate.call('conference:producer-pause', { meetingId, producerId, paused: true })).toEqual({
      ok: true,
      data: null,
    });
  });

  it('keeps each participant’s last test report and shows the chair who passed', async () => {
    const site = await connect('xa.anbinh');
    const chair = await connect('chutoa');
    const { meetingId } = meeting;
    const report = { camera: true, microphone: true, mediaPath: false, rttMs: 40, bitrate: 800_000 };
    dataOf(await site.call('conference:test-report', { meetingId, report }));
    dataOf(await site.call('conference:test-report', { meetingId, report: { ...report, mediaPath: true } }));

    const list = dataOf(await chair.call('conference:readiness', { meetingId }));
    expect(list.map((entry) => entry.participantId).sort()).toEqual(Object.values(meeting.participantIds).sort());
    expect(list.find((entry) => entry.participantId === meeting.participantIds['xa.anbinh'])).toEqual({
      participantId: meeting.participantIds['xa.anbinh'],
      displayName: expect.any(String),
      kind: 'site',
      report: { ...report, mediaPath: true, testedAt: expect.any(String) },
      passed: true,
    });
    expect(list.find((entry) => entry.participantId === meeting.participantIds['daibieu'])).toMatchObject({
      report: null,
      passed: false,
    });
  });
});

describe('conference removals: a server restart does not let a removed site back in', () => {
  let dir: string;
  let t: TestApp | null = null;
  const clients: ConferenceTestClient[] = [];
  const boot = async () => {
    // One data dir and database file for both boots (the demo credentials live in the data dir).
    t = await createTestApp({
      listen: true,
      createWorker,
      env: {
        DATA_DIR: dir,
        DATABASE_FILE: join(dir, 'e-cabinet.sqlite'),
        MEDIA_RTC_MIN_PORT: '43800',
        MEDIA_RTC_MAX_PORT: '43899',
        MEDIA_WEBRTC_PORT: '43900',
      },
    });
    return t;
  };
  const connect = async (app: TestApp, username: string) => {
    const client = await ConferenceTestClient.connect(app, username);
    clients.push(client);
    return client;
  };
  const stop = async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await t?.close();
    t = null;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'e-cabinet-removals-'));
  });
  afterAll(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'refuses the removed site after the restart, until the chair readmits it',
    async () => {
      const first = await boot();
      const meeting = await createLiveMeeting(first);
      const { meetingId } = meeting;
      const siteId = meeting.participantIds['xa.anbinh'];
      const chair = await connect(first, 'chutoa');
      const site = await connect(first, 'xa.anbinh');
      await chair.joinConference(meetingId);
      await site.joinConference(meetingId);
      dataOf(await chair.call('conference:remove', { meetingId, peerId: siteId }));
      await stop();

      const second = await boot();
      const siteAgain = await connect(second, 'xa.anbinh');
      expect(await siteAgain.call('conference:join', { meetingId })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      const chairAgain = await connect(second, 'chutoa');
      expect((await chairAgain.joinConference(meetingId)).state.removedPeerIds).toEqual([siteId]);
      // Readmitted, it may join again, this time and after the next restart.
      dataOf(await chairAgain.call('conference:readmit', { meetingId, peerId: siteId }));
      expect((await siteAgain.joinConference(meetingId)).state.removedPeerIds).toEqual([]);
      await stop();

      const third = await boot();
      const siteThird = await connect(third, 'xa.anbinh');
      expect((await siteThird.joinConference(meetingId)).peerId).toBe(siteId);
    },
    3 * BOOT_TIMEOUT,
  );
});
