import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LiveSnapshot, LiveUpdate, encodeLiveSnapshot } from '@app/shared';

import { provideAppHttpTesting } from '../../testing/http-testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { sessionUserStub } from '../../testing/user.stub';
import { AuthStore } from '../core/auth/auth-store';
import { BALLOT_STORAGE_KEY } from './ballot-outbox';
import { LIVE_SOCKET_FACTORY, LIVE_TIMINGS, LiveSessionClient, LiveTimings } from './live-session-client';
import { FakeLiveSocket } from './testing/fake-live-socket';
import { LIVE_MEETING_ID, liveSnapshotStub, PIDS, pollStub, POLL_ID } from './testing/live-snapshot.stub';

const TIMINGS: LiveTimings = {
  callTimeoutMs: 1000,
  ballotTimeoutMs: 500,
  ballotRetryMs: 100,
  ballotRetryMaxMs: 400,
  syncDebounceMs: 50,
  rejoinMs: 200,
};

describe('LiveSessionClient', () => {
  let socket: FakeLiveSocket;
  let sockets: FakeLiveSocket[];

  function setup(): LiveSessionClient {
    sockets = [];
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        {
          provide: LIVE_SOCKET_FACTORY,
          useValue: () => {
            socket = new FakeLiveSocket();
            sockets.push(socket);
            return socket;
          },
        },
        { provide: LIVE_TIMINGS, useValue: TIMINGS },
      ],
    });
    return TestBed.inject(LiveSessionClient);
  }

  /** Joins and answers with `snapshot`; the client then holds version `snapshot.version`. */
  async function joined(client: LiveSessionClient, snapshot: LiveSnapshot = liveSnapshotStub()): Promise<void> {
    const join = client.join(LIVE_MEETING_ID);
    socket.serverConnect();
    expect(socket.last('live:join').payload).toEqual({ meetingId: LIVE_MEETING_ID });
    socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot(snapshot) });
    await expect(join).resolves.toEqual(snapshot);
  }

  function update(version: number, value: Partial<LiveUpdate> = {}): LiveUpdate {
    return {
      meetingId: LIVE_MEETING_ID,
      version,
      slice: 'meeting',
      value: { status: 'live', currentAgendaItemId: null },
      ...value,
    } as LiveUpdate;
  }

  const snackText = () => document.querySelector('simple-snack-bar [matsnackbarlabel]')?.textContent?.trim();

  beforeEach(() => {
    jest.useFakeTimers();
    localStorage.clear();
  });

  afterEach(() => {
    jest.useRealTimers();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  it('joins on connect, then applies updates only in version order', async () => {
    const client = setup();
    expect(client.connected()).toBe(false);
    await joined(client);
    expect(client.connected()).toBe(true);
    expect(client.state()?.version).toBe(5);

    socket.push('live:update', update(6, { slice: 'meeting', value: { status: 'live', currentAgendaItemId: 'x' } }));
    expect(client.state()?.version).toBe(6);
    expect(client.meeting()?.currentAgendaItemId).toBe('x');
    // The other slices keep their identity: views of them are not redrawn.
    const attendance = client.attendance();
    socket.push('live:update', update(7));
    expect(client.attendance()).toBe(attendance);
    // The same version again changes nothing and asks for nothing.
    socket.push('live:update', update(7, { value: { status: 'closed', currentAgendaItemId: null } }));
    await jest.advanceTimersByTimeAsync(100);
    expect(client.meeting()?.status).toBe('live');
    expect(socket.emitted('live:sync')).toHaveLength(0);
  });

  it('asks for one fresh snapshot after a gap, holds updates meanwhile, then carries on from it', async () => {
    const client = setup();
    await joined(client);

    socket.push('live:update', update(8));
    socket.push('live:update', update(9));
    expect(client.state()?.version).toBe(5);
    await jest.advanceTimersByTimeAsync(TIMINGS.syncDebounceMs);
    // Debounced: two gaps, one request.
    expect(socket.emitted('live:sync')).toHaveLength(1);
    expect(socket.last('live:sync').payload).toEqual({ meetingId: LIVE_MEETING_ID });

    // Updates that come while the snapshot is on its way wait for it.
    socket.push('live:update', update(10, { value: { status: 'live', currentAgendaItemId: 'ten' } }));
    expect(client.state()?.version).toBe(5);
    socket.last('live:sync').ack({ ok: true, data: encodeLiveSnapshot(liveSnapshotStub({ version: 9 })) });
    await jest.advanceTimersByTimeAsync(0);
    expect(client.state()?.version).toBe(10);
    expect(client.meeting()?.currentAgendaItemId).toBe('ten');
    socket.push('live:update', update(11));
    expect(client.state()?.version).toBe(11);
    await jest.advanceTimersByTimeAsync(TIMINGS.syncDebounceMs * 2);
    expect(socket.emitted('live:sync')).toHaveLength(1);
  });

  it('re-syncs when an update is older than the state (the server went back)', async () => {
    const client = setup();
    await joined(client, liveSnapshotStub({ version: 20 }));
    socket.push('live:update', update(3));
    await jest.advanceTimersByTimeAsync(TIMINGS.syncDebounceMs);
    socket.last('live:sync').ack({ ok: true, data: encodeLiveSnapshot(liveSnapshotStub({ version: 3 })) });
    await jest.advanceTimersByTimeAsync(0);
    expect(client.state()?.version).toBe(3);
    socket.push('live:update', update(4));
    expect(client.state()?.version).toBe(4);
  });

  it('joins again after a reconnection and replaces the whole state', async () => {
    const client = setup();
    await joined(client);
    socket.serverDisconnect();
    expect(client.connected()).toBe(false);

    socket.serverConnect();
    expect(client.connected()).toBe(true);
    expect(socket.emitted('live:join')).toHaveLength(2);
    const fresh = liveSnapshotStub({
      version: 42,
      speakers: {
        queue: [
          {
            id: '5a8ecf96-8f1e-4d52-9a57-000000000001',
            participantId: PIDS.delegate2,
            displayName: 'Phạm Thị Biểu',
            kind: 'question',
            agendaItemId: null,
            requestedAt: '2026-11-24T02:00:00.000Z',
          },
        ],
        current: null,
      },
    });
    socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot(fresh) });
    await jest.advanceTimersByTimeAsync(0);
    expect(client.state()).toEqual(fresh);
    expect(client.speakers()?.queue.map((request) => request.displayName)).toEqual(['Phạm Thị Biểu']);
  });

  it('hands server events to listeners on this socket and on the next one, and tells of every connection', async () => {
    const client = setup();
    const speakers: (string | null)[] = [];
    let connections = 0;
    const subscription = client.connected$.subscribe(() => connections++);
    const stop = client.on('conference:active-speaker', (event) => speakers.push(event.peerId));
    await joined(client);
    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: PIDS.delegate });
    socket.serverDisconnect();
    socket.serverConnect();
    expect(connections).toBe(2);

    // Another socket (after a logout or a failed handshake): the listener is on it too.
    client.close();
    await joined(client);
    expect(sockets).toHaveLength(2);
    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: null });
    expect(connections).toBe(3);

    stop();
    socket.push('conference:active-speaker', { meetingId: LIVE_MEETING_ID, peerId: PIDS.chair });
    expect(speakers).toEqual([PIDS.delegate, null]);
    subscription.unsubscribe();
  });

  it('keeps the server’s refusal of the join and says it in the reader’s language', async () => {
    const client = setup();
    const join = client.join(LIVE_MEETING_ID);
    socket.serverConnect();
    const refusal = { code: 'NOT_FOUND' as const, message: 'Không tìm thấy cuộc họp / Meeting not found' };
    socket.last('live:join').ack({ ok: false, error: refusal });
    await expect(join).rejects.toEqual(refusal);
    expect(client.error()).toEqual(refusal);
    expect(client.state()).toBeNull();
  });

  it('answers a call that gets no answer with UNAVAILABLE after its timeout, and shows it', async () => {
    const client = setup();
    await joined(client);
    const call = client.call('speakers:request', { meetingId: LIVE_MEETING_ID, kind: 'speech' });
    expect(socket.last('speakers:request').payload).toEqual({ meetingId: LIVE_MEETING_ID, kind: 'speech' });
    await jest.advanceTimersByTimeAsync(TIMINGS.callTimeoutMs);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(snackText()).toBe('Máy chủ chưa trả lời, vui lòng thử lại');
  });

  it('shows the Vietnamese half of a refusal; offline calls fail at once without being sent', async () => {
    const client = setup();
    await joined(client);
    const call = client.call('speakers:end', { meetingId: LIVE_MEETING_ID });
    // The server sends the error event first, then the answer: shown once.
    const error = { code: 'FORBIDDEN' as const, message: 'Vai trò không cho phép / Role may not do this' };
    socket.push('error', error);
    socket.last('speakers:end').ack({ ok: false, error });
    await expect(call).resolves.toEqual({ ok: false, error });
    expect(snackText()).toBe('Vai trò không cho phép');
    expect(document.querySelectorAll('simple-snack-bar')).toHaveLength(1);

    socket.serverDisconnect();
    const sentBefore = socket.sent.length;
    await expect(client.call('speakers:end', { meetingId: LIVE_MEETING_ID }, { quiet: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(socket.sent.length).toBe(sentBefore);
  });

  describe('ballots', () => {
    const open = () => liveSnapshotStub({ polls: { active: pollStub(), closed: [] } });

    it('sends a timed-out ballot again with the same ballotId until it is acknowledged', async () => {
      const client = setup();
      await joined(client, open());
      const counted = client.castBallot(POLL_ID, PIDS.delegate, ['yes']);
      const first = socket.last('ballot:cast').payload;
      expect(first).toEqual({
        meetingId: LIVE_MEETING_ID,
        pollId: POLL_ID,
        ballotId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        memberParticipantId: PIDS.delegate,
        choices: ['yes'],
      });
      expect(client.pendingBallot(POLL_ID, PIDS.delegate)?.ballotId).toBe(first.ballotId);
      expect(JSON.parse(localStorage.getItem(BALLOT_STORAGE_KEY) ?? '[]')).toHaveLength(1);

      // No answer: after the timeout and the first back-off, the same ballot again.
      await jest.advanceTimersByTimeAsync(TIMINGS.ballotTimeoutMs + TIMINGS.ballotRetryMs);
      // A second tap while it waits sends nothing new and keeps the first choices.
      void client.castBallot(POLL_ID, PIDS.delegate, ['no']);
      await jest.advanceTimersByTimeAsync(TIMINGS.ballotTimeoutMs + TIMINGS.ballotRetryMs * 2);
      const sends = socket.emitted('ballot:cast');
      expect(sends.length).toBe(3);
      expect(new Set(sends.map((s) => s.payload.ballotId))).toEqual(new Set([first.ballotId]));
      expect(sends.every((s) => s.payload.choices[0] === 'yes')).toBe(true);

      sends[2].ack({
        ok: true,
        data: { ballotId: first.ballotId, pollId: POLL_ID, memberParticipantId: PIDS.delegate, duplicate: true },
      });
      await expect(counted).resolves.toBe(true);
      expect(client.viewer()?.votedInActivePoll).toEqual([PIDS.delegate]);
      expect(client.pendingBallots()).toEqual([]);
      expect(localStorage.getItem(BALLOT_STORAGE_KEY)).toBeNull();
      // Nothing more goes out once acknowledged.
      await jest.advanceTimersByTimeAsync(TIMINGS.ballotRetryMaxMs * 3);
      expect(socket.emitted('ballot:cast')).toHaveLength(3);
    });

    it('gives each represented member their own ballotId', async () => {
      const client = setup();
      await joined(client, open());
      void client.castBallot(POLL_ID, PIDS.delegate, ['yes']);
      void client.castBallot(POLL_ID, PIDS.delegate2, ['no']);
      const [mine, proxy] = socket.emitted('ballot:cast').map((s) => s.payload);
      expect(mine.memberParticipantId).toBe(PIDS.delegate);
      expect(proxy.memberParticipantId).toBe(PIDS.delegate2);
      expect(mine.ballotId).not.toBe(proxy.ballotId);
    });

    it('sends the same ballot after a reconnection, and after a reload from localStorage', async () => {
      const client = setup();
      await joined(client, open());
      void client.castBallot(POLL_ID, PIDS.delegate, ['abstain']);
      const { ballotId } = socket.last('ballot:cast').payload;

      socket.serverDisconnect();
      await jest.advanceTimersByTimeAsync(TIMINGS.ballotRetryMaxMs * 2);
      expect(socket.emitted('ballot:cast')).toHaveLength(1);
      socket.serverConnect();
      socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot({ ...open(), version: 9 }) });
      await jest.advanceTimersByTimeAsync(0);
      expect(socket.emitted('ballot:cast')).toHaveLength(2);
      expect(socket.last('ballot:cast').payload.ballotId).toBe(ballotId);

      // The tablet reloads before the answer: a new client finds the ballot and sends it again.
      TestBed.resetTestingModule();
      const reloaded = setup();
      await joined(reloaded, open());
      expect(socket.last('ballot:cast').payload).toMatchObject({ ballotId, choices: ['abstain'] });
    });

    it('counts a ballot as cast when the snapshot after a reconnection lists it (the ack was lost)', async () => {
      const client = setup();
      await joined(client, open());
      const counted = client.castBallot(POLL_ID, PIDS.delegate, ['yes']);
      socket.serverDisconnect();
      socket.serverConnect();
      const voted = open();
      socket.last('live:join').ack({
        ok: true,
        data: encodeLiveSnapshot({
          ...voted,
          version: 8,
          viewer: { ...voted.viewer, votedInActivePoll: [PIDS.delegate] },
        }),
      });
      await expect(counted).resolves.toBe(true);
      expect(socket.emitted('ballot:cast')).toHaveLength(1);
      expect(client.pendingBallots()).toEqual([]);
    });

    it('stops retrying when the poll closes before the ballot was acknowledged', async () => {
      const client = setup();
      await joined(client, open());
      const counted = client.castBallot(POLL_ID, PIDS.delegate, ['yes']);
      await jest.advanceTimersByTimeAsync(TIMINGS.ballotTimeoutMs);
      socket.push('live:update', {
        meetingId: LIVE_MEETING_ID,
        version: 6,
        slice: 'polls',
        value: { active: null, closed: [pollStub({ status: 'closed' })] },
      } satisfies LiveUpdate);
      await expect(counted).resolves.toBe(false);
      await jest.advanceTimersByTimeAsync(TIMINGS.ballotRetryMaxMs * 3);
      expect(socket.emitted('ballot:cast')).toHaveLength(1);
      expect(localStorage.getItem(BALLOT_STORAGE_KEY)).toBeNull();
    });

    it('drops a ballot the server refuses, and says why', async () => {
      const client = setup();
      await joined(client, open());
      const counted = client.castBallot(POLL_ID, PIDS.delegate, ['yes']);
      socket.last('ballot:cast').ack({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Bạn không có quyền biểu quyết / You may not vote' },
      });
      await expect(counted).resolves.toBe(false);
      expect(client.pendingBallots()).toEqual([]);
      expect(snackText()).toBe('Bạn không có quyền biểu quyết');
    });
  });

  it('follows who I vote for when a proxy is given to me', async () => {
    const client = setup();
    await joined(client);
    expect(client.viewer()?.represents).toEqual([PIDS.delegate]);
    const attendance = client.attendance() ?? liveSnapshotStub().attendance;
    const entries = attendance.entries.map((entry) =>
      entry.participantId === PIDS.delegate2 ? { ...entry, proxyHolderId: PIDS.delegate } : entry,
    );
    socket.push('live:update', {
      meetingId: LIVE_MEETING_ID,
      version: 6,
      slice: 'attendance',
      value: { ...attendance, entries },
    } satisfies LiveUpdate);
    expect(client.viewer()?.represents).toEqual([PIDS.delegate, PIDS.delegate2]);
  });

  it('closes the connection when the user logs out (a handshake must not outlive its session)', async () => {
    const client = setup();
    const auth = TestBed.inject(AuthStore);
    auth.login({ username: 'daibieu', password: 'secret-password' }).subscribe();
    TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(sessionUserStub());
    TestBed.tick();
    await joined(client);

    auth.sessionEnded();
    TestBed.tick();
    expect(socket.connected).toBe(false);
    expect(client.state()).toBeNull();
    expect(client.joinedMeetingId()).toBeNull();
    // Idempotent.
    client.close();
  });
});
