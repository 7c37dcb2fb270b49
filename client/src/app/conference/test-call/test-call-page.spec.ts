import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { encodeLiveSnapshot } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { translocoTesting } from '../../../testing/transloco-testing';
import { LIVE_SOCKET_FACTORY } from '../../live/live-session-client';
import { FakeLiveSocket } from '../../live/testing/fake-live-socket';
import { LIVE_MEETING_ID, liveSnapshotStub, PIDS } from '../../live/testing/live-snapshot.stub';
import { CONFERENCE_DEVICE_FACTORY, MEDIA_ACCESS } from '../conference-devices';
import { FakeConferenceServer } from '../testing/conference-server';
import { conferenceStateStub, joinInfoStub, offerStub, peerStub } from '../testing/conference-state.stub';
import { asDevice, FakeDevice, FakeMediaAccess, FakeTransport } from '../testing/fake-media-device';
import { TEST_CALL_SAMPLE_MS, TestCallPage } from './test-call-page';

describe('TestCallPage', () => {
  let fixture: ComponentFixture<TestCallPage>;
  let socket: FakeLiveSocket;
  let device: FakeDevice;

  /** Fake timers: whenStable() would wait for a render scheduled on a timer that never runs. */
  const settle = async (ms = 0) => {
    await jest.advanceTimersByTimeAsync(ms);
    fixture.detectChanges();
    await jest.advanceTimersByTimeAsync(0);
  };
  const one = (id: string): HTMLElement => {
    const found = fixture.nativeElement.querySelector(`[data-testid="${id}"]`);
    if (!found) throw new Error(`No [data-testid="${id}"]`);
    return found;
  };
  const recv = (): FakeTransport => {
    const found = device.transports.find((t) => t.direction === 'recv');
    if (!found) throw new Error('No receive transport');
    return found;
  };
  const inbound = (framesDecoded: number, audioBytes: number) => [
    { id: 't', type: 'transport', selectedCandidatePairId: 'p' },
    { id: 'p', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.034 },
    { id: 'v', type: 'inbound-rtp', kind: 'video', framesDecoded, bytesReceived: framesDecoded * 5_000 },
    { id: 'a', type: 'inbound-rtp', kind: 'audio', bytesReceived: audioBytes },
  ];

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    fixture.destroy();
    jest.useRealTimers();
  });

  it('loops the own media through the server, measures it, and sends the readiness report once', async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([]),
        { provide: LIVE_SOCKET_FACTORY, useValue: () => (socket = new FakeLiveSocket()) },
        { provide: MEDIA_ACCESS, useValue: new FakeMediaAccess() },
        { provide: CONFERENCE_DEVICE_FACTORY, useValue: async () => asDevice((device = new FakeDevice())) },
      ],
    });
    fixture = TestBed.createComponent(TestCallPage);
    fixture.componentRef.setInput('meetingId', LIVE_MEETING_ID);
    await settle();
    // The page opens the live socket; the bridge joins as soon as it is connected.
    socket.serverConnect();
    socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot(liveSnapshotStub()) });
    expect(one('test-call').dataset['phase']).toBe('joining');

    const server = new FakeConferenceServer(() => socket, settle);
    const me = PIDS.commune1;
    const info = joinInfoStub(me, conferenceStateStub({ peers: [peerStub(me)] }));
    await server.capabilities(info);
    expect(socket.last('conference:join').payload).toMatchObject({ meetingId: LIVE_MEETING_ID, test: true });
    await server.join(info);
    socket.push('conference:consumer', offerStub(me, 'camera'));
    socket.push('conference:consumer', offerStub(me, 'mic'));
    await server.connects();
    expect(one('test-call').dataset['phase']).toBe('joined');
    expect(one('test-call-camera').dataset['ok']).toBe('true');
    expect(one('test-call-microphone').dataset['ok']).toBe('true');

    recv().stats = inbound(0, 0);
    await settle(TEST_CALL_SAMPLE_MS);
    expect(one('test-call-path').dataset['ok']).toBe('false');
    expect(one('test-call-rtt').textContent?.trim()).toContain('34 ms');

    recv().stats = inbound(25, 6_000);
    await settle(TEST_CALL_SAMPLE_MS);
    expect(one('test-call-path').dataset['ok']).toBe('true');
    expect(one('test-call-bitrate').dataset['value']).toBe(
      String(((25 * 5_000 + 6_000) * 8 * 1000) / TEST_CALL_SAMPLE_MS),
    );
    expect(socket.emitted('conference:test-report').map((s) => s.payload)).toEqual([
      {
        meetingId: LIVE_MEETING_ID,
        report: { camera: true, microphone: true, mediaPath: true, rttMs: 34, bitrate: 1_048_000 },
      },
    ]);
    socket.last('conference:test-report').ack({ ok: true, data: null });
    await settle(TEST_CALL_SAMPLE_MS * 3);
    expect(one('test-call-sent').textContent?.trim()).toBe('Đã gửi kết quả cho chủ tọa.');
    expect(socket.emitted('conference:test-report')).toHaveLength(1);
  });
});
