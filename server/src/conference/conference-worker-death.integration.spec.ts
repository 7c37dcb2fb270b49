import { createWorker } from 'mediasoup';

import { createLiveMeeting } from '../live/testing/live-fixtures';
import { BOOT_TIMEOUT } from '../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../testing/test-app';
import { ConferenceRoomsService } from './conference-rooms.service';
import { attachPlainProducer, PlainProducer } from './testing/plain-producer';
import { ConferenceTestClient, dataOf } from './testing/conference-test-client';

describe('conference: the worker hosting a bridge dies', () => {
  let t: TestApp;
  const clients: ConferenceTestClient[] = [];
  const feeds: PlainProducer[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      createWorker,
      env: { MEDIA_RTC_MIN_PORT: '43600', MEDIA_RTC_MAX_PORT: '43699', MEDIA_WEBRTC_PORT: '43700' },
    });
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    feeds.forEach((feed) => feed.stop());
    await Promise.all(clients.map((client) => client.close()));
    await t.close();
  });

  it('resets every peer, rebuilds the room on the replacement worker with the chair’s mutes, and media flows again', async () => {
    const rooms = t.app.get(ConferenceRoomsService);
    const { meetingId, participantIds } = await createLiveMeeting(t);
    const [chair, delegate] = await Promise.all(['chutoa', 'daibieu'].map((u) => ConferenceTestClient.connect(t, u)));
    clients.push(chair, delegate);
    await chair.joinConference(meetingId);
    await delegate.joinConference(meetingId);
    dataOf(await chair.call('conference:mute', { meetingId, peerId: participantIds['daibieu'], muted: true }));
    dataOf(await chair.call('conference:mute-all', { meetingId, locked: true }));
    const victim = rooms.get(meetingId)!.workerPid;

    const resets = [chair, delegate].map((client) => client.next('conference:reset', () => true, 10_000));
    process.kill(victim, 'SIGKILL');
    expect(await Promise.all(resets)).toEqual([{ meetingId }, { meetingId }]);
    expect(rooms.get(meetingId)).toBeUndefined();

    // The clients rejoin by themselves; the join waits for the replacement worker if need be.
    const rejoinStarted = Date.now();
    await chair.joinConference(meetingId);
    const info = await delegate.joinConference(meetingId);
    expect(Date.now() - rejoinStarted).toBeLessThan(5000);
    const room = rooms.get(meetingId)!;
    expect(room.workerPid).not.toBe(victim);
    expect(() => process.kill(room.workerPid, 0)).not.toThrow();
    expect(info.state).toMatchObject({ locked: true });
    expect(info.state.peers.find((p) => p.peerId === participantIds['daibieu'])).toMatchObject({ mutedByChair: true });

    // Media flows through the new router.
    await delegate.receive(meetingId);
    feeds.push(await attachPlainProducer(t.app, meetingId, participantIds['chutoa'], 'camera'));
    const offer = await delegate.seen('conference:consumer', (o) => o.peerId === participantIds['chutoa']);
    dataOf(await delegate.call('conference:consumer-resume', { meetingId, consumerId: offer.consumerId }));
    const consumer = room.peers.get(participantIds['daibieu'])!.consumers.get(offer.consumerId)!;
    const sent = async () => (await consumer.getStats()).find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
    const deadline = Date.now() + 10_000;
    while ((await sent()) < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sent()).toBeGreaterThanOrEqual(20);
  }, 60_000);
});
