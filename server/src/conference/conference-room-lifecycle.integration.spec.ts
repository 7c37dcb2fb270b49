import { createWorker } from 'mediasoup';

import { createLiveMeeting, LiveMeeting } from '../live/testing/live-fixtures';
import { MediaWorkerPool } from '../media/media-worker-pool';
import { BOOT_TIMEOUT } from '../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../testing/test-app';
import { testRoomKey } from './conference-room';
import { ConferenceRoomsService } from './conference-rooms.service';
import { attachPlainProducer, PlainProducer } from './testing/plain-producer';
import { ConferenceTestClient, dataOf } from './testing/conference-test-client';

const VP8 = {
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [] }],
  encodings: [{ ssrc: 424242 }],
};

describe('conference rooms: peers come and go, rooms close and leave nothing behind', () => {
  let t: TestApp;
  let rooms: ConferenceRoomsService;
  let meeting: LiveMeeting;
  let meetingId: string;
  const clients: ConferenceTestClient[] = [];
  const feeds: PlainProducer[] = [];
  const connect = async (username: string) => {
    const client = await ConferenceTestClient.connect(t, username);
    clients.push(client);
    return client;
  };
  const worker = () => t.app.get(MediaWorkerPool).nextWorker();

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      createWorker,
      env: { MEDIA_RTC_MIN_PORT: '43400', MEDIA_RTC_MAX_PORT: '43499', MEDIA_WEBRTC_PORT: '43500' },
    });
    rooms = t.app.get(ConferenceRoomsService);
  }, BOOT_TIMEOUT);
  beforeEach(async () => {
    meeting = await createLiveMeeting(t);
    meetingId = meeting.meetingId;
  });
  afterEach(async () => {
    feeds.splice(0).forEach((feed) => feed.stop());
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(() => t.close());

  it('makes one router when two participants join at once', async () => {
    const [chair, delegate] = await Promise.all([connect('chutoa'), connect('daibieu')]);
    const routersBefore = (await worker().dump()).routerIds.length;
    await Promise.all([chair.joinConference(meetingId), delegate.joinConference(meetingId)]);
    expect((await worker().dump()).routerIds).toHaveLength(routersBefore + 1);
    await chair.state((s) => s.peers.length === 2);
  });

  it('offers a new producer to every ready peer, one producer per source', async () => {
    const chair = await connect('chutoa');
    const delegate = await connect('daibieu');
    await chair.joinConference(meetingId);
    await delegate.joinConference(meetingId);
    await delegate.receive(meetingId);

    const send = dataOf(await chair.call('conference:transport', { meetingId, direction: 'send' }));
    const produce = { meetingId, transportId: send.id, kind: 'video', source: 'camera', rtpParameters: VP8 } as const;
    const { producerId } = dataOf(await chair.call('conference:produce', produce));
    expect(await delegate.seen('conference:consumer', (o) => o.producerId === producerId)).toMatchObject({
      peerId: meeting.participantIds['chutoa'],
      source: 'camera',
      kind: 'video',
      producerPaused: false,
    });
    expect(await chair.call('conference:produce', produce)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Closing it closes the receivers' consumers.
    const offer = delegate.all('conference:consumer').find((o) => o.producerId === producerId)!;
    const closed = delegate.next('conference:consumer-closed', (e) => e.consumerId === offer.consumerId);
    dataOf(await chair.call('conference:producer-close', { meetingId, producerId }));
    await closed;
    await delegate.state((s) => !s.peers.find((p) => p.peerId === meeting.participantIds['chutoa'])?.producers.camera);
  });

  it('replaces a participant’s peer when it joins again, and the old tab can no longer act for it', async () => {
    const first = await connect('daibieu');
    const second = await connect('daibieu');
    const chair = await connect('chutoa');
    await chair.joinConference(meetingId);
    await first.joinConference(meetingId);
    await second.joinConference(meetingId);

    const state = await chair.state((s) => s.peers.length === 2);
    expect(state.peers.map((p) => p.peerId).sort()).toEqual(
      [meeting.participantIds['chutoa'], meeting.participantIds['daibieu']].sort(),
    );
    expect(await first.call('conference:transport', { meetingId, direction: 'recv' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await second.call('conference:transport', { meetingId, direction: 'recv' })).toMatchObject({ ok: true });
  });

  it('loops a test call back to the site alone: its own camera comes back, the bridge never sees it', async () => {
    const chair = await connect('chutoa');
    const site = await connect('xa.anbinh');
    const siteId = meeting.participantIds['xa.anbinh'];
    await chair.joinConference(meetingId);
    await chair.receive(meetingId);
    const info = await site.joinConference(meetingId, true);
    expect(info.state.peers.map((p) => p.peerId)).toEqual([siteId]);
    await site.receive(meetingId);

    feeds.push(await attachPlainProducer(t.app, testRoomKey(meetingId, siteId), siteId, 'camera'));
    const offer = await site.seen('conference:consumer', (o) => o.peerId === siteId && o.source === 'camera');
    dataOf(await site.call('conference:consumer-resume', { meetingId, consumerId: offer.consumerId }));
    const consumer = rooms.get(testRoomKey(meetingId, siteId))!.peers.get(siteId)!.consumers.get(offer.consumerId)!;
    const deadline = Date.now() + 10_000;
    const sent = async () => (await consumer.getStats()).find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
    while ((await sent()) < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sent()).toBeGreaterThanOrEqual(20);

    expect(chair.all('conference:consumer')).toEqual([]);
    expect(
      rooms
        .get(meetingId)!
        .state()
        .peers.map((p) => p.peerId),
    ).toEqual([meeting.participantIds['chutoa']]);
  });

  it('tears a peer down when its socket drops, and closes the router with the last peer: nothing left on the worker', async () => {
    const chair = await connect('chutoa');
    const delegate = await connect('daibieu');
    const delegateId = meeting.participantIds['daibieu'];
    await chair.joinConference(meetingId);
    await delegate.joinConference(meetingId);
    await Promise.all([chair.receive(meetingId), delegate.receive(meetingId)]);
    dataOf(await delegate.call('conference:transport', { meetingId, direction: 'send' }));
    feeds.push(await attachPlainProducer(t.app, meetingId, delegateId, 'mic'));
    const offer = await chair.seen('conference:consumer', (o) => o.peerId === delegateId);
    const room = rooms.get(meetingId)!;
    expect((await room.router.dump()).transportIds).toHaveLength(4); // 2 recv + 1 send WebRTC, 1 plain

    const closed = chair.next('conference:consumer-closed', (e) => e.consumerId === offer.consumerId);
    delegate.live.close();
    await closed;
    await chair.state((s) => s.peers.map((p) => p.peerId).join() === meeting.participantIds['chutoa']);
    expect((await room.router.dump()).transportIds).toHaveLength(1); // the chair's recv transport

    dataOf(await chair.call('conference:leave', { meetingId }));
    expect(room.router.closed).toBe(true);
    expect(rooms.get(meetingId)).toBeUndefined();
    expect((await worker().dump()).routerIds).not.toContain(room.router.id);
    expect((await room.webRtcServer!.dump()).webRtcTransportIds).toEqual([]);
    // Leaving twice is harmless.
    expect(await chair.call('conference:leave', { meetingId })).toEqual({ ok: true, data: null });
  });
});
