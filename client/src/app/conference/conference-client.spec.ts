import { TestBed } from '@angular/core/testing';
import { encodeLiveSnapshot } from '@app/shared';

import { provideAppHttpTesting } from '../../testing/http-testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { LIVE_SOCKET_FACTORY, LIVE_TIMINGS, LiveSessionClient } from '../live/live-session-client';
import { FakeLiveSocket } from '../live/testing/fake-live-socket';
import { LIVE_MEETING_ID, liveSnapshotStub } from '../live/testing/live-snapshot.stub';
import { ConferenceClient } from './conference-client';
import { CONFERENCE_DEVICE_FACTORY, CONFERENCE_TIMINGS, MEDIA_ACCESS } from './conference-devices';
import { asDevice, FakeDevice, FakeMediaAccess, FakeTransport, RECV_CAPABILITIES } from './testing/fake-media-device';
import { FakeConferenceServer, RECV_TRANSPORT_ID, SEND_TRANSPORT_ID } from './testing/conference-server';
import {
  conferenceStateStub,
  ICE_SERVERS,
  joinInfoStub,
  offerStub,
  PEERS,
  peerStub,
  ROUTER_CAPABILITIES,
  transportStub,
} from './testing/conference-state.stub';

const SEND_ID = SEND_TRANSPORT_ID;
const RECV_ID = RECV_TRANSPORT_ID;
const TIMINGS = { rejoinBaseMs: 100, rejoinMaxMs: 400, maxRejoinAttempts: 3 };

describe('ConferenceClient', () => {
  let socket: FakeLiveSocket;
  let devices: FakeDevice[];
  let media: FakeMediaAccess;
  let videoCodecs: string[];

  const flush = () => jest.advanceTimersByTimeAsync(0);
  const device = () => devices[devices.length - 1];
  const transport = (direction: 'send' | 'recv'): FakeTransport => {
    const found = device()?.transports.find((t) => t.direction === direction);
    if (!found) throw new Error(`no ${direction} transport`);
    return found;
  };
  const snackText = () => document.querySelector('simple-snack-bar [matsnackbarlabel]')?.textContent?.trim();
  /** Payloads of what the client sent for `event`, oldest first. */
  const sent = (event: string) => socket.emitted(event).map((s) => s.payload);

  async function setup(): Promise<ConferenceClient> {
    devices = [];
    media = new FakeMediaAccess();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        ConferenceClient,
        { provide: LIVE_SOCKET_FACTORY, useValue: () => (socket = new FakeLiveSocket()) },
        {
          provide: LIVE_TIMINGS,
          useValue: {
            callTimeoutMs: 5000,
            ballotTimeoutMs: 500,
            ballotRetryMs: 100,
            ballotRetryMaxMs: 400,
            syncDebounceMs: 50,
            rejoinMs: 200,
          },
        },
        { provide: CONFERENCE_TIMINGS, useValue: TIMINGS },
        { provide: MEDIA_ACCESS, useValue: media },
        {
          provide: CONFERENCE_DEVICE_FACTORY,
          useValue: async () => {
            const made = new FakeDevice(videoCodecs);
            devices.push(made);
            return asDevice(made);
          },
        },
      ],
    });
    const live = TestBed.inject(LiveSessionClient);
    const joined = live.join(LIVE_MEETING_ID);
    socket.serverConnect();
    socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot(liveSnapshotStub()) });
    await joined;
    return TestBed.inject(ConferenceClient);
  }

  let server: FakeConferenceServer;
  const serveJoin = (info = joinInfoStub()) => server.join(info);
  const serveConnects = () => server.connects();

  beforeEach(() => {
    jest.useFakeTimers();
    videoCodecs = ['video/VP8', 'video/H264'];
    server = new FakeConferenceServer(() => socket, flush);
  });

  afterEach(() => {
    jest.useRealTimers();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('joins in one round trip with a device loaded beforehand, then sends mic and simulcast camera', async () => {
    const client = await setup();
    client.prepare(LIVE_MEETING_ID);
    expect(sent('conference:capabilities')).toEqual([{ meetingId: LIVE_MEETING_ID }]);
    await server.capabilities();
    expect(device().loadedWith).toEqual(ROUTER_CAPABILITIES);

    const joining = client.join(LIVE_MEETING_ID);
    expect(client.phase()).toBe('joining');
    await flush();
    // The join carries the device's capabilities; the answer brings both transports.
    expect(sent('conference:join')).toEqual([
      { meetingId: LIVE_MEETING_ID, test: false, rtpCapabilities: RECV_CAPABILITIES },
    ]);
    await serveJoin();
    await joining;
    expect(client.phase()).toBe('joined');
    expect(client.peerId()).toBe(PEERS.siteA);
    expect(devices).toHaveLength(1);
    expect(sent('conference:capabilities')).toHaveLength(1);
    expect(sent('conference:transport')).toEqual([]);
    expect(sent('conference:ready')).toEqual([]);
    expect(transport('send').options).toMatchObject({ id: SEND_ID, iceServers: ICE_SERVERS });
    expect(transport('recv').options).toMatchObject({ id: RECV_ID, iceServers: ICE_SERVERS });
    expect(sent('conference:transport-connect')).toEqual([
      { meetingId: LIVE_MEETING_ID, transportId: SEND_ID, dtlsParameters: { role: 'client', fingerprints: [] } },
    ]);

    const produced = sent('conference:produce');
    expect(produced.map((p) => [p.source, p.kind, p.transportId])).toEqual([
      ['mic', 'audio', SEND_ID],
      ['camera', 'video', SEND_ID],
    ]);
    expect(produced[1].rtpParameters.codecs[0].mimeType).toBe('video/VP8');
    expect(produced[1].rtpParameters.encodings).toEqual([
      { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
      { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
    ]);
    expect(client.sending()).toEqual({ mic: 'on', camera: 'on', screen: 'off' });
  });

  it('does not force VP8 on a device that only sends H264 (older Safari)', async () => {
    videoCodecs = ['video/H264'];
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    const camera = transport('send').producers.find((p) => p.kind === 'video');
    expect(camera?.options['codec']).toBeUndefined();
    expect(camera?.options['encodings']).toHaveLength(3);
  });

  it('still joins to watch and listen when the camera is refused, and says so', async () => {
    const client = await setup();
    media.refuse = { video: 'NotAllowedError' };
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    expect(client.phase()).toBe('joined');
    expect(client.sending()).toEqual({ mic: 'on', camera: 'off', screen: 'off' });
    expect(client.local.problem()).toBe('denied');
  });

  it('keeps offers that come before the join answer, for its own receive transport only', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await server.capabilities();
    const early = offerStub(PEERS.siteB, 'camera');
    const stale = offerStub(PEERS.siteB, 'mic', { transportId: 'a0000000-0000-4000-8000-0000000000ff' });
    socket.push('conference:consumer', early);
    socket.push('conference:consumer', stale);
    await serveJoin();
    await serveConnects();
    expect(client.remote().map((m) => m.consumerId)).toEqual([early.consumerId]);
    expect(sent('conference:consumer-resume')).toEqual([{ meetingId: LIVE_MEETING_ID, consumerId: early.consumerId }]);
  });

  it('does not wait for the transport connect, and rejoins if the server refuses it', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await server.capabilities();
    await flush();
    socket.last('conference:join').ack({
      ok: true,
      data: { ...joinInfoStub(), transports: { send: transportStub(SEND_ID), recv: transportStub(RECV_ID) } },
    });
    await flush();
    socket.push('conference:consumer', offerStub(PEERS.siteB, 'camera'));
    await flush();
    // The consumer is made and resumed while the connect is still unanswered.
    expect(sent('conference:transport-connect').map((c) => c.transportId)).toContain(RECV_ID);
    expect(sent('conference:consumer-resume')).toHaveLength(1);
    expect(client.remote()).toHaveLength(1);

    const connect = socket.emitted('conference:transport-connect').find((c) => c.payload.transportId === RECV_ID);
    connect?.ack({ ok: false, error: { code: 'UNAVAILABLE', message: 'worker busy' } });
    await flush();
    expect(client.phase()).toBe('reconnecting');
    expect(client.remote()).toEqual([]);
    await jest.advanceTimersByTimeAsync(TIMINGS.rejoinBaseMs);
    expect(sent('conference:join')).toHaveLength(2);
  });

  it('consumes what the server offers, resumes it, and follows pauses and closes', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    const video = offerStub(PEERS.siteB, 'camera');
    const audio = offerStub(PEERS.siteB, 'mic');
    socket.push('conference:consumer', video);
    socket.push('conference:consumer', audio);
    await serveConnects();

    expect(sent('conference:consumer-resume')).toEqual([
      { meetingId: LIVE_MEETING_ID, consumerId: video.consumerId },
      { meetingId: LIVE_MEETING_ID, consumerId: audio.consumerId },
    ]);
    expect(client.remoteAudio().map((m) => m.peerId)).toEqual([PEERS.siteB]);
    const siteB = () => [client.layout().large, ...client.layout().small].find((t) => t?.peerId === PEERS.siteB);
    expect(siteB()?.track).toBe(transport('recv').consumers[0].track);
    expect(siteB()?.displayName).toBe('UBND xã Hòa Bình');

    socket.push('conference:consumer-paused', { consumerId: video.consumerId, paused: true });
    expect(siteB()?.track).toBeNull();
    socket.push('conference:consumer-paused', { consumerId: video.consumerId, paused: false });
    expect(siteB()?.track).not.toBeNull();

    socket.push('conference:consumer-closed', { consumerId: video.consumerId });
    expect(transport('recv').consumers[0].closed).toBe(true);
    expect(client.remote().map((m) => m.consumerId)).toEqual([audio.consumerId]);
    expect(siteB()?.track).toBeNull();
  });

  it('asks for the top layer only for the large tile, and moves it with the speaker and the floor', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    const chair = offerStub(PEERS.chair, 'camera');
    const siteB = offerStub(PEERS.siteB, 'camera');
    socket.push('conference:consumer', chair);
    socket.push('conference:consumer', siteB);
    await serveConnects();
    const layers = () => sent('conference:consumer-layers');
    // Nobody heard yet: the first other peer (the chair) is large.
    expect(client.layout().large?.peerId).toBe(PEERS.chair);
    expect(layers()).toEqual([
      { meetingId: LIVE_MEETING_ID, consumerId: chair.consumerId, spatialLayer: 2 },
      { meetingId: LIVE_MEETING_ID, consumerId: siteB.consumerId, spatialLayer: 0 },
    ]);

    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: PEERS.siteB });
    expect(client.layout().large?.peerId).toBe(PEERS.siteB);
    expect(layers().slice(2)).toEqual([
      { meetingId: LIVE_MEETING_ID, consumerId: siteB.consumerId, spatialLayer: 2 },
      { meetingId: LIVE_MEETING_ID, consumerId: chair.consumerId, spatialLayer: 0 },
    ]);
    // Silence, or my own voice, keeps the last one heard large: nothing more is asked.
    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: null });
    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: PEERS.siteA });
    expect(client.layout().large?.peerId).toBe(PEERS.siteB);
    expect(layers()).toHaveLength(4);

    // The floor goes to the chair's peer: the spotlight beats the last one heard.
    socket.push('conference:state', conferenceStateStub({ spotlightPeerId: PEERS.chair }));
    expect(client.layout().large).toMatchObject({ peerId: PEERS.chair, spotlight: true });
    expect(layers().slice(4)).toEqual([
      { meetingId: LIVE_MEETING_ID, consumerId: chair.consumerId, spatialLayer: 2 },
      { meetingId: LIVE_MEETING_ID, consumerId: siteB.consumerId, spatialLayer: 0 },
    ]);
  });

  it('rejoins from scratch when the room is reset, sending the same tracks again', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    socket.push('conference:consumer', offerStub(PEERS.siteB, 'camera'));
    await serveConnects();
    const first = device();
    const tracks = media.tracks.length;

    socket.push('conference:reset', { meetingId: LIVE_MEETING_ID });
    expect(client.phase()).toBe('reconnecting');
    expect(first.transports.every((t) => t.closed)).toBe(true);
    expect(client.remote()).toEqual([]);
    await flush();
    expect(sent('conference:join')).toHaveLength(2);

    await serveJoin();
    expect(client.phase()).toBe('joined');
    // The loaded device serves the new join: new transports on it, no second capabilities call.
    expect(devices).toHaveLength(1);
    expect(first.transports).toHaveLength(4);
    expect(sent('conference:capabilities')).toHaveLength(1);
    expect(
      sent('conference:produce')
        .slice(2)
        .map((p) => p.source),
    ).toEqual(['mic', 'camera']);
    // No second permission prompt: the tracks were kept.
    expect(media.tracks).toHaveLength(tracks);
    expect(transport('send').producers.map((p) => p.track)).toEqual(first.transports[0].producers.map((p) => p.track));
  });

  it('restarts ICE when a transport is disconnected, and rejoins when it failed', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();

    transport('recv').setState('disconnected');
    await flush();
    expect(sent('conference:transport-restart-ice')).toEqual([{ meetingId: LIVE_MEETING_ID, transportId: RECV_ID }]);
    socket.last('conference:transport-restart-ice').ack({ ok: true, data: { iceParameters: { password: 'new' } } });
    await flush();
    expect(transport('recv').iceRestarts).toEqual([{ password: 'new' }]);
    expect(client.phase()).toBe('joined');

    transport('send').setState('failed');
    expect(client.phase()).toBe('reconnecting');
    expect(sent('conference:join')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(TIMINGS.rejoinBaseMs);
    expect(sent('conference:join')).toHaveLength(2);
    await serveJoin();
    expect(client.phase()).toBe('joined');
  });

  it('rejoins when the live socket comes back after a drop', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    socket.serverDisconnect();
    socket.serverConnect();
    expect(client.phase()).toBe('reconnecting');
    await flush();
    expect(sent('conference:join')).toHaveLength(2);
    await serveJoin();
    expect(client.phase()).toBe('joined');
  });

  it('after being removed: lets go of the media and never rejoins by itself', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();

    socket.push('conference:removed', { meetingId: LIVE_MEETING_ID });
    expect(client.phase()).toBe('removed');
    expect(device().transports.every((t) => t.closed)).toBe(true);
    expect(media.tracks.every((t) => t.readyState === 'ended')).toBe(true);

    socket.push('conference:reset', { meetingId: LIVE_MEETING_ID });
    socket.serverDisconnect();
    socket.serverConnect();
    await jest.advanceTimersByTimeAsync(TIMINGS.rejoinMaxMs * 4);
    expect(sent('conference:join')).toHaveLength(1);
    expect(sent('conference:leave')).toEqual([]);
    expect(client.phase()).toBe('removed');
  });

  it('tries again with a growing wait, then gives up; a refusal is not tried again', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await server.capabilities();
    const unavailable = { ok: false, error: { code: 'UNAVAILABLE', message: 'busy' } } as const;
    socket.last('conference:join').ack(unavailable);
    await flush();
    expect(client.phase()).toBe('joining');
    for (const wait of [100, 200, 400]) {
      await jest.advanceTimersByTimeAsync(wait - 1);
      const before = sent('conference:join').length;
      await jest.advanceTimersByTimeAsync(1);
      expect(sent('conference:join')).toHaveLength(before + 1);
      socket.last('conference:join').ack(unavailable);
      await flush();
    }
    expect(client.phase()).toBe('failed');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(sent('conference:join')).toHaveLength(4);

    void client.join(LIVE_MEETING_ID);
    await flush();
    socket.last('conference:join').ack({ ok: false, error: { code: 'FORBIDDEN', message: 'Không / No' } });
    await flush();
    expect(client.phase()).toBe('failed');
    expect(client.failure()?.code).toBe('FORBIDDEN');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(sent('conference:join')).toHaveLength(5);
  });

  it('mutes at once; unmuting waits for the server, which refuses it under the lock', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    const mic = transport('send').producers[0];

    const muting = client.setPaused('mic', true);
    expect(mic.paused).toBe(true);
    expect(client.sending().mic).toBe('paused');
    socket.last('conference:producer-pause').ack({ ok: true, data: null });
    await expect(muting).resolves.toBe(true);

    const unmuting = client.setPaused('mic', false);
    expect(sent('conference:producer-pause').at(-1)).toEqual({
      meetingId: LIVE_MEETING_ID,
      producerId: mic.id,
      paused: false,
    });
    socket.last('conference:producer-pause').ack({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Chủ tọa đã khóa micro / The chair locked microphones' },
    });
    await expect(unmuting).resolves.toBe(false);
    expect(mic.paused).toBe(true);
    expect(snackText()).toBe('Chủ tọa đã khóa micro');

    // Given the floor: the server resumes the producer, and this device follows.
    const floor = conferenceStateStub({
      peers: [
        peerStub(PEERS.chair),
        peerStub(PEERS.siteA, { producers: { mic: { producerId: mic.id, paused: false } } }),
      ],
    });
    socket.push('conference:state', floor);
    expect(mic.paused).toBe(false);
    expect(client.sending().mic).toBe('on');
    // The chair mutes it again.
    socket.push('conference:state', {
      ...floor,
      peers: [peerStub(PEERS.siteA, { mutedByChair: true, producers: { mic: { producerId: mic.id, paused: true } } })],
    });
    expect(mic.paused).toBe(true);
    expect(client.layout().large).toMatchObject({ self: true, micOn: false, mutedByChair: true });
  });

  it('audio only: tells the server, stops sending the camera and asks for no layers', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    const camera = transport('send').producers[1];
    const switching = client.setAudioOnly(true);
    expect(sent('conference:audio-only')).toEqual([{ meetingId: LIVE_MEETING_ID, audioOnly: true }]);
    socket.last('conference:audio-only').ack({ ok: true, data: null });
    await switching;
    expect(camera.closed).toBe(true);
    expect(camera.track.readyState).toBe('ended');
    expect(sent('conference:producer-close')).toEqual([{ meetingId: LIVE_MEETING_ID, producerId: camera.id }]);
    expect(client.sending()).toEqual({ mic: 'on', camera: 'off', screen: 'off' });

    socket.push('conference:consumer', offerStub(PEERS.chair, 'camera'));
    await serveConnects();
    expect(client.remote()).toHaveLength(1);
    expect(sent('conference:consumer-layers')).toEqual([]);
  });

  it('shares the screen as a second video producer and stops it', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    const sharing = client.startScreenShare();
    await flush();
    await serveConnects();
    await expect(sharing).resolves.toBe(true);
    expect(sent('conference:produce').at(-1)).toMatchObject({ source: 'screen', kind: 'video' });
    expect(client.sending().screen).toBe('on');
    const screen = transport('send').producers[2];

    await client.stopScreenShare();
    expect(screen.closed).toBe(true);
    expect(screen.track.readyState).toBe('ended');
    expect(sent('conference:producer-close')).toEqual([{ meetingId: LIVE_MEETING_ID, producerId: screen.id }]);
    expect(client.sending().screen).toBe('off');
  });

  it('leaves on close, once', async () => {
    const client = await setup();
    void client.join(LIVE_MEETING_ID);
    await serveJoin();
    client.close();
    client.close();
    expect(sent('conference:leave')).toEqual([{ meetingId: LIVE_MEETING_ID }]);
    expect(client.phase()).toBe('idle');
    expect(media.tracks.every((t) => t.readyState === 'ended')).toBe(true);
    socket.push('conference:reset', { meetingId: LIVE_MEETING_ID });
    expect(sent('conference:join')).toHaveLength(1);
  });
});
