import type { PeerHealth } from '@app/shared';
import { createWorker } from 'mediasoup';

import { createLiveMeeting, LiveMeeting } from '../live/testing/live-fixtures';
import { BOOT_TIMEOUT } from '../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../testing/test-app';
import type { PeerConsumer } from './conference-peer';
import { ConferenceRoomsService } from './conference-rooms.service';
import { RecordingService } from './recording/recording.service';
import { attachPlainProducer, PlainProducer } from './testing/plain-producer';
import { ConferenceTestClient, dataOf } from './testing/conference-test-client';

/** Packets mediasoup has sent on a consumer (outbound-rtp). */
async function sent(consumer: PeerConsumer): Promise<number> {
  return (await consumer.getStats()).find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
}

async function flowing(consumer: PeerConsumer, timeoutMs = 10_000): Promise<void> {
  const start = await sent(consumer);
  const deadline = Date.now() + timeoutMs;
  while ((await sent(consumer)) < start + 20) {
    if (Date.now() > deadline) throw new Error(`consumer ${consumer.id} sent no media within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Nothing more leaves the consumer for 1.5 s (a packet or two may still have been in flight). */
async function stopped(consumer: PeerConsumer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = await sent(consumer);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await sent(consumer)) - before).toBeLessThanOrEqual(2);
}

/**
 * Three participants on a real worker: the commune site sends a tone and a 3-layer VP8 camera
 * (ffmpeg → PlainTransport), the chair and a delegate receive over real WebRTC (werift: ICE on the
 * worker's WebRtcServer port, DTLS, SRTP). The chair's moderation acts on what they receive.
 */
describe('conference media and moderation: three participants, real worker, real media', () => {
  let t: TestApp;
  let meeting: LiveMeeting;
  let chair: ConferenceTestClient;
  let site: ConferenceTestClient;
  let delegate: ConferenceTestClient;
  let mic: PlainProducer;
  let camera: PlainProducer;
  let meetingId: string;
  let siteId: string;

  /** The server side of a consumer one client was offered for the site's `source`. */
  const consumerOf = async (client: ConferenceTestClient, username: string, source: 'mic' | 'camera') => {
    const offer = await client.seen('conference:consumer', (o) => o.peerId === siteId && o.source === source);
    const consumer = t.app
      .get(ConferenceRoomsService)
      .get(meetingId)
      ?.peers.get(meeting.participantIds[username])
      ?.consumers.get(offer.consumerId);
    if (!consumer) throw new Error(`no server consumer ${offer.consumerId}`);
    return consumer;
  };
  const pausedEvent = (client: ConferenceTestClient, consumer: PeerConsumer, paused: boolean) =>
    client.next('conference:consumer-paused', (e) => e.consumerId === consumer.id && e.paused === paused);
  const selfUnmute = () =>
    site.call('conference:producer-pause', { meetingId, producerId: mic.producer.id, paused: false });

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      createWorker,
      env: { MEDIA_RTC_MIN_PORT: '43200', MEDIA_RTC_MAX_PORT: '43299', MEDIA_WEBRTC_PORT: '43300' },
    });
    meeting = await createLiveMeeting(t);
    meetingId = meeting.meetingId;
    siteId = meeting.participantIds['xa.anbinh'];
    [chair, site, delegate] = await Promise.all(
      ['chutoa', 'xa.anbinh', 'daibieu'].map((username) => ConferenceTestClient.connect(t, username)),
    );
    for (const client of [chair, site, delegate]) await client.joinConference(meetingId);
    // werift spends ~5 s gathering candidates: the three connect at once.
    await Promise.all([chair, site, delegate].map((client) => client.receive(meetingId)));
    mic = await attachPlainProducer(t.app, meetingId, siteId, 'mic');
    camera = await attachPlainProducer(t.app, meetingId, siteId, 'camera', 3);
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    mic?.stop();
    camera?.stop();
    await Promise.all([chair, site, delegate].map((client) => client?.close()));
    await t.close();
  });

  it('offers the site’s mic and camera to everyone else, and its media reaches them', async () => {
    for (const [client, username] of [
      [chair, 'chutoa'],
      [delegate, 'daibieu'],
    ] as const) {
      await client.seen('conference:consumer', (o) => o.peerId === siteId && o.source === 'camera');
      await client.resumeAll(meetingId);
      await flowing(await consumerOf(client, username, 'mic'));
      await flowing(await consumerOf(client, username, 'camera'));
    }
    expect(site.all('conference:consumer')).toEqual([]); // not its own media
    const state = await delegate.state((s) => !!s.peers.find((p) => p.peerId === siteId)?.producers.camera);
    expect(state.peers.find((p) => p.peerId === siteId)?.producers).toEqual({
      mic: { producerId: mic.producer.id, paused: false },
      camera: { producerId: camera.producer.id, paused: false },
    });
  });

  it('chair mute pauses the site’s mic at every receiver, and the site cannot unmute itself until the chair does', async () => {
    const heard = await consumerOf(delegate, 'daibieu', 'mic');
    const paused = pausedEvent(delegate, heard, true);
    dataOf(await chair.call('conference:mute', { meetingId, peerId: siteId, muted: true }));
    await paused;
    await stopped(heard);
    await delegate.state((s) => s.peers.find((p) => p.peerId === siteId)?.mutedByChair === true);
    expect(await selfUnmute()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(mic.producer.paused).toBe(true);

    const resumed = pausedEvent(delegate, heard, false);
    dataOf(await chair.call('conference:mute', { meetingId, peerId: siteId, muted: false }));
    await resumed;
    await flowing(heard);
  });

  it('mute-all with lock holds the mic; the floor opens it and spotlights the site; the slot’s end closes it', async () => {
    const heard = await consumerOf(delegate, 'daibieu', 'mic');
    let paused = pausedEvent(delegate, heard, true);
    dataOf(await chair.call('conference:mute-all', { meetingId, locked: true }));
    await paused;
    await delegate.state((s) => s.locked);
    expect(await selfUnmute()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await stopped(heard);

    const { requestId } = dataOf(await site.liveCall('speakers:request', { meetingId, kind: 'speech' }));
    const resumed = pausedEvent(delegate, heard, false);
    dataOf(await chair.liveCall('speakers:give-floor', { meetingId, requestId, limitSeconds: null }));
    await resumed;
    await delegate.state((s) => s.spotlightPeerId === siteId);
    await flowing(heard);

    paused = pausedEvent(delegate, heard, true);
    dataOf(await chair.liveCall('speakers:end', { meetingId }));
    await paused;
    await delegate.state((s) => s.spotlightPeerId === null);
    expect(await selfUnmute()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The chair lifts the lock: the mic stays muted, but the site may open it again.
    expect(await site.call('conference:lock', { meetingId, locked: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    dataOf(await chair.call('conference:lock', { meetingId, locked: false }));
    await delegate.state((s) => !s.locked);
    await stopped(heard);
    expect(await selfUnmute()).toEqual({ ok: true, data: null });
    await flowing(heard);
  });

  it('switches the simulcast layer a receiver asks for', async () => {
    const seen = await consumerOf(delegate, 'daibieu', 'camera');
    expect(seen.type).toBe('simulcast');
    for (const spatialLayer of [0, 2, 1]) {
      const changed = delegate.next(
        'conference:consumer-layers',
        (e) => e.consumerId === seen.id && e.spatialLayer === spatialLayer,
        10_000,
      );
      dataOf(await delegate.call('conference:consumer-layers', { meetingId, consumerId: seen.id, spatialLayer }));
      await changed;
      expect(seen.currentLayers?.spatialLayer).toBe(spatialLayer);
    }
  });

  it('audio only stops the video a peer receives, keeps its audio, and brings the video back', async () => {
    const seen = await consumerOf(delegate, 'daibieu', 'camera');
    const heard = await consumerOf(delegate, 'daibieu', 'mic');
    const delegateId = meeting.participantIds['daibieu'];

    dataOf(await delegate.call('conference:audio-only', { meetingId, audioOnly: true }));
    expect(seen.paused).toBe(true);
    await delegate.state((s) => s.peers.find((p) => p.peerId === delegateId)?.downlink === 'audio_only');
    await stopped(seen);
    await flowing(heard);

    dataOf(await delegate.call('conference:audio-only', { meetingId, audioOnly: false }));
    expect(seen.paused).toBe(false);
    await delegate.state((s) => s.peers.find((p) => p.peerId === delegateId)?.downlink === 'high');
    await flowing(seen);
  });

  it('sends the organisers every peer’s health about every 2 s, and nobody else', async () => {
    await delegate.seen('conference:consumer', (o) => o.peerId === siteId && o.source === 'camera');
    await delegate.resumeAll(meetingId);
    const delegateId = meeting.participantIds['daibieu'];
    const receiving = (e: { peers: PeerHealth[] }) =>
      (e.peers.find((p) => p.peerId === delegateId)?.recvBitrate ?? 0) > 0;
    const report = await chair.next('conference:health', (e) => e.peers.length === 3 && receiving(e), 8000);
    expect(report.meetingId).toBe(meetingId);
    expect(report.peers.find((p) => p.peerId === siteId)).toMatchObject({ micOn: true, cameraOn: true });
    // What the delegate receives over its WebRTC transport (the site sends through test PlainTransports).
    expect(report.peers.find((p) => p.peerId === delegateId)).toMatchObject({
      micOn: false,
      cameraOn: false,
      downlink: 'high',
    });
    expect(delegate.all('conference:health')).toEqual([]);
    expect(site.all('conference:health')).toEqual([]);
  });

  it('starts and stops the server-side recording for the chair, and everyone sees it', async () => {
    const started = dataOf(await chair.call('conference:recording', { meetingId, active: true }));
    expect(started).toEqual({ active: true, startedAt: expect.any(String) });
    expect(t.app.get(RecordingService).isRecording(meetingId)).toBe(true);
    await delegate.state((s) => s.recording.active && s.recording.startedAt === started.startedAt);

    expect(dataOf(await chair.call('conference:recording', { meetingId, active: false }))).toEqual({
      active: false,
      startedAt: null,
    });
    await delegate.state((s) => !s.recording.active);
  });
});
