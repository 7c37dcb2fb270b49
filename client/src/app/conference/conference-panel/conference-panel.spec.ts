import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { encodeLiveSnapshot, PeerHealth } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { translocoTesting } from '../../../testing/transloco-testing';
import { LIVE_SOCKET_FACTORY, LiveSessionClient } from '../../live/live-session-client';
import { FakeLiveSocket } from '../../live/testing/fake-live-socket';
import { LIVE_MEETING_ID, liveSnapshotStub } from '../../live/testing/live-snapshot.stub';
import { CONFERENCE_DEVICE_FACTORY, MEDIA_ACCESS } from '../conference-devices';
import { FakeConferenceServer } from '../testing/conference-server';
import { conferenceStateStub, joinInfoStub, offerStub, PEERS, peerStub } from '../testing/conference-state.stub';
import { asDevice, FakeDevice, FakeMediaAccess } from '../testing/fake-media-device';
import { ConferencePanel } from './conference-panel';

describe('ConferencePanel', () => {
  let fixture: ComponentFixture<ConferencePanel>;
  let socket: FakeLiveSocket;
  let server: FakeConferenceServer;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const all = (id: string) =>
    Array.from(fixture.nativeElement.querySelectorAll(`[data-testid="${id}"]`)) as HTMLElement[];
  const one = (id: string) => {
    const found = all(id)[0];
    if (!found) throw new Error(`No [data-testid="${id}"]`);
    return found;
  };
  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();
  const inside = (root: Element, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  async function open(moderator: boolean): Promise<void> {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([]),
        { provide: LIVE_SOCKET_FACTORY, useValue: () => (socket = new FakeLiveSocket()) },
        { provide: MEDIA_ACCESS, useValue: new FakeMediaAccess() },
        { provide: CONFERENCE_DEVICE_FACTORY, useValue: async () => asDevice(new FakeDevice()) },
      ],
    });
    const joined = TestBed.inject(LiveSessionClient).join(LIVE_MEETING_ID);
    socket.serverConnect();
    socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot(liveSnapshotStub()) });
    await joined;
    server = new FakeConferenceServer(() => socket, settle);
    fixture = TestBed.createComponent(ConferencePanel);
    fixture.componentRef.setInput('meetingId', LIVE_MEETING_ID);
    fixture.componentRef.setInput('moderator', moderator);
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('joins with a tap and shows every peer labelled, the one heard last large, with its state', async () => {
    await open(false);
    expect(one('conference-panel').dataset['phase']).toBe('idle');
    one('conference-join').click();
    await server.join(joinInfoStub(PEERS.siteA));
    expect(one('conference-panel').dataset['phase']).toBe('joined');
    expect(text(one('conference-status'))).toBe('Đã kết nối');

    socket.push('conference:consumer', offerStub(PEERS.chair, 'camera'));
    socket.push('conference:consumer', offerStub(PEERS.siteB, 'camera'));
    socket.push('conference:consumer', offerStub(PEERS.siteB, 'mic'));
    await server.connects();
    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: PEERS.siteB });
    const sending = (mic: boolean) => ({
      ...(mic ? { mic: { producerId: 'b0000000-0000-4000-8000-0000000000a1', paused: false } } : {}),
      camera: { producerId: 'b0000000-0000-4000-8000-0000000000a2', paused: false },
    });
    socket.push(
      'conference:state',
      conferenceStateStub({
        peers: [
          peerStub(PEERS.chair, { producers: sending(true) }),
          peerStub(PEERS.siteA),
          peerStub(PEERS.siteB, { producers: sending(false), mutedByChair: true }),
        ],
      }),
    );
    await settle();

    const tiles = all('conference-tile');
    const shown = tiles.map((tile) => ({
      peer: tile.dataset['peerId'],
      large: tile.dataset['large'],
      label: text(inside(tile, 'conference-tile-label')),
      mic: tile.dataset['mic'],
      camera: tile.dataset['camera'],
      mutedByChair: tile.querySelector('[data-testid="conference-tile-muted-by-chair"]')?.textContent?.trim() ?? null,
    }));
    expect(shown).toEqual([
      {
        peer: PEERS.siteB,
        large: 'true',
        label: 'UBND xã Hòa Bình',
        mic: 'off',
        camera: 'on',
        mutedByChair: 'Chủ tọa tắt micro',
      },
      { peer: PEERS.chair, large: 'false', label: 'Nguyễn Văn Chủ Tọa', mic: 'on', camera: 'on', mutedByChair: null },
      {
        peer: PEERS.siteA,
        large: 'false',
        label: 'UBND xã Tân Phú (bạn)',
        mic: 'on',
        camera: 'on',
        mutedByChair: null,
      },
    ]);
    const videos = all('conference-video');
    expect(videos.map((video) => [video.dataset['peerId'], video.dataset['source']])).toEqual([
      [PEERS.siteB, 'camera'],
      [PEERS.chair, 'camera'],
      [PEERS.siteA, 'camera'],
    ]);
    expect(all('conference-audio').map((audio) => audio.dataset['peerId'])).toEqual([PEERS.siteB]);
    expect(all('conference-recording')).toEqual([]);

    socket.push(
      'conference:state',
      conferenceStateStub({ recording: { active: true, startedAt: '2026-11-24T02:00:00Z' } }),
    );
    await settle();
    expect(text(one('conference-recording'))).toBe('Đang ghi hình');
  });

  it('mutes and unmutes oneself with labelled buttons', async () => {
    await open(false);
    one('conference-join').click();
    await server.join();
    await settle();
    const mic = one('conference-mic');
    expect(mic.getAttribute('aria-label')).toBe('Tắt micro');
    expect(mic.dataset['state']).toBe('on');

    mic.click();
    await settle();
    socket.last('conference:producer-pause').ack({ ok: true, data: null });
    await settle();
    expect(socket.last('conference:producer-pause').payload).toMatchObject({ paused: true });
    expect(one('conference-mic').dataset['state']).toBe('paused');
    expect(one('conference-mic').getAttribute('aria-label')).toBe('Bật micro');
  });

  it('says when the chair removed this site; only a tap joins again', async () => {
    await open(false);
    one('conference-join').click();
    await server.join();
    socket.push('conference:removed', { meetingId: LIVE_MEETING_ID });
    await settle();
    expect(text(one('conference-removed'))).toBe('Chủ tọa đã mời bạn rời cầu truyền hình.');
    expect(all('conference-tile')).toEqual([]);
    expect(text(one('conference-join'))).toBe('Vào lại cầu truyền hình');

    // The chair lets it back in: offered to join, not joined by itself.
    const joins = socket.emitted('conference:join').length;
    socket.push('conference:readmitted', { meetingId: LIVE_MEETING_ID });
    await settle();
    expect(all('conference-removed')).toEqual([]);
    expect(text(one('conference-join'))).toBe('Vào cầu truyền hình');
    expect(socket.emitted('conference:join')).toHaveLength(joins);
  });

  it('shows the chair the bridge before joining it, and lets a removed site back in', async () => {
    await open(true);
    expect(text(one('conference-chair'))).toContain('Chưa có ai trong cầu truyền hình.');
    // Organisers get the bridge's state (and health) from the live session, in the video or not.
    socket.push(
      'conference:state',
      conferenceStateStub({ peers: [peerStub(PEERS.siteB)], removedPeerIds: [PEERS.siteA] }),
    );
    await settle();
    expect(all('conference-health-row').map((row) => row.dataset['peerId'])).toEqual([PEERS.siteB]);
    const removed = one('conference-removed-row');
    // Named from the live session's attendance list (it left the bridge).
    expect(text(removed)).toContain('Hoàng Văn Xã');
    const readmit = inside(removed, 'conference-peer-readmit');
    expect(readmit?.getAttribute('aria-label')).toBe('Cho Hoàng Văn Xã vào lại cầu truyền hình');
    readmit?.click();
    expect(socket.last('conference:readmit').payload).toEqual({ meetingId: LIVE_MEETING_ID, peerId: PEERS.siteA });
    expect(socket.emitted('conference:join')).toEqual([]);
  });

  it('gives the chair each site’s live health, with mute and remove', async () => {
    await open(true);
    socket.last('conference:readiness').ack({
      ok: true,
      data: [
        { participantId: PEERS.siteA, displayName: 'UBND xã Tân Phú', kind: 'site', passed: true, report: null },
        { participantId: PEERS.siteB, displayName: 'UBND xã Hòa Bình', kind: 'site', passed: false, report: null },
      ],
    });
    await settle();
    expect(all('conference-readiness-row').map((row) => [row.dataset['participantId'], row.dataset['passed']])).toEqual(
      [
        [PEERS.siteA, 'true'],
        [PEERS.siteB, 'false'],
      ],
    );
    expect(text(one('conference-readiness-count'))).toBe('1/2 đã đạt');

    one('conference-join').click();
    await server.join(joinInfoStub(PEERS.chair));
    const health: PeerHealth = {
      peerId: PEERS.siteB,
      rttMs: 84,
      uplinkLoss: 0.012,
      downlinkLoss: 0.05,
      sendBitrate: 812_000,
      recvBitrate: 1_450_000,
      availableOutgoingBitrate: 900_000,
      micOn: true,
      cameraOn: false,
      downlink: 'medium',
    };
    socket.push('conference:health', { meetingId: LIVE_MEETING_ID, peers: [health] });
    await settle();
    const rows = all('conference-health-row');
    expect(rows.map((row) => row.dataset['peerId'])).toEqual([PEERS.siteA, PEERS.siteB]);
    const siteB = rows[1];
    expect(text(inside(siteB, 'conference-health-rtt'))).toBe('84 ms');
    expect(text(inside(siteB, 'conference-health-loss'))).toBe('1.2% / 5.0%');
    expect(text(inside(siteB, 'conference-health-bitrate'))).toBe('812 / 1450 kbps');
    expect(text(inside(siteB, 'conference-health-media'))).toBe('bật tắt');
    expect(text(inside(siteB, 'conference-health-layer'))).toBe('360p');

    const mute = inside(siteB, 'conference-peer-mute');
    expect(mute?.getAttribute('aria-label')).toBe('Tắt micro UBND xã Hòa Bình');
    mute?.click();
    expect(socket.last('conference:mute').payload).toEqual({
      meetingId: LIVE_MEETING_ID,
      peerId: PEERS.siteB,
      muted: true,
    });

    one('conference-mute-all-lock').click();
    expect(socket.last('conference:mute-all').payload).toEqual({ meetingId: LIVE_MEETING_ID, locked: true });
    one('conference-recording-toggle').click();
    expect(socket.last('conference:recording').payload).toEqual({ meetingId: LIVE_MEETING_ID, active: true });
  });
});
