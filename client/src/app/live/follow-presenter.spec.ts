import { TestBed } from '@angular/core/testing';
import { LiveUpdate, PresenterPosition, encodeLiveSnapshot } from '@app/shared';

import { provideAppHttpTesting } from '../../testing/http-testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { FollowPresenter, PRESENTER_MOVE_THROTTLE_MS } from './follow-presenter';
import { LIVE_SOCKET_FACTORY, LiveSessionClient } from './live-session-client';
import { FakeLiveSocket } from './testing/fake-live-socket';
import { DOC_ID, LIVE_MEETING_ID, liveSnapshotStub, UIDS } from './testing/live-snapshot.stub';

describe('FollowPresenter', () => {
  let socket: FakeLiveSocket;
  let follow: FollowPresenter;
  let version = 5;

  const at = (page: number): PresenterPosition => ({
    documentId: DOC_ID,
    version: 1,
    page,
    scale: null,
    scrollTop: 0,
    scrollLeft: 0,
  });

  async function setup(as: 'chair' | 'delegate', presenterUserId: string | null = UIDS.chair) {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        { provide: LIVE_SOCKET_FACTORY, useValue: () => (socket = new FakeLiveSocket()) },
        { provide: PRESENTER_MOVE_THROTTLE_MS, useValue: 100 },
      ],
    });
    const live = TestBed.inject(LiveSessionClient);
    follow = TestBed.inject(FollowPresenter);
    const joined = live.join(LIVE_MEETING_ID);
    socket.serverConnect();
    socket.last('live:join').ack({
      ok: true,
      data: encodeLiveSnapshot(
        liveSnapshotStub(
          { presentation: { presenterUserId, presenterName: 'Lê Văn Chủ', position: presenterUserId ? at(2) : null } },
          as,
        ),
      ),
    });
    await joined;
    version = 5;
    TestBed.tick();
  }

  function presenter(presenterUserId: string | null, position: PresenterPosition | null): void {
    socket.push('live:update', {
      meetingId: LIVE_MEETING_ID,
      version: ++version,
      slice: 'presentation',
      value: { presenterUserId, presenterName: presenterUserId ? 'Lê Văn Chủ' : null, position },
    } satisfies LiveUpdate);
    TestBed.tick();
  }

  afterEach(() => jest.useRealTimers());

  it('gives a delegate the presenter’s position to follow, until they read freely; a new presenter brings them back', async () => {
    await setup('delegate');
    expect(follow.isPresenter()).toBe(false);
    expect(follow.target()).toEqual(at(2));
    follow.readFreely();
    expect(follow.target()).toBeNull();
    expect(follow.position()).toEqual(at(2));
    presenter(UIDS.delegate2, at(5));
    expect(follow.following()).toBe(true);
    expect(follow.target()).toEqual(at(5));
  });

  it('sends nothing for someone who does not present', async () => {
    await setup('delegate');
    follow.move(LIVE_MEETING_ID, at(3));
    expect(socket.emitted('presenter:move')).toHaveLength(0);
  });

  it('throttles the presenter’s moves and always sends the last one', async () => {
    await setup('chair');
    jest.useFakeTimers();
    follow.move(LIVE_MEETING_ID, at(3));
    follow.move(LIVE_MEETING_ID, at(4));
    follow.move(LIVE_MEETING_ID, at(5));
    expect(socket.emitted('presenter:move').map((s) => s.payload.position.page)).toEqual([3]);
    await jest.advanceTimersByTimeAsync(100);
    expect(socket.emitted('presenter:move').map((s) => s.payload.position.page)).toEqual([3, 5]);
    // The same position again is not sent twice.
    await jest.advanceTimersByTimeAsync(200);
    follow.move(LIVE_MEETING_ID, at(5));
    expect(socket.emitted('presenter:move')).toHaveLength(2);
  });

  it('sends the last position again once the link is back, if it was lost', async () => {
    await setup('chair');
    socket.serverDisconnect();
    follow.move(LIVE_MEETING_ID, at(7));
    await Promise.resolve();
    expect(socket.emitted('presenter:move')).toHaveLength(0);
    socket.serverConnect();
    socket.last('live:join').ack({
      ok: true,
      data: encodeLiveSnapshot(
        liveSnapshotStub(
          { version: 9, presentation: { presenterUserId: UIDS.chair, presenterName: 'Lê Văn Chủ', position: at(2) } },
          'chair',
        ),
      ),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    TestBed.tick();
    expect(socket.last('presenter:move').payload).toEqual({ meetingId: LIVE_MEETING_ID, position: at(7) });
  });
});
