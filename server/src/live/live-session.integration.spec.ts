import { LIVE_NAMESPACE, LiveSnapshot, PresenterPosition } from '@app/shared';
import { io } from 'socket.io-client';

import { makePdf } from '../documents/testing/document-fixtures';
import { upload } from '../documents/testing/documents-api';
import { transition } from '../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../testing/test-app';
import { connectLive, createLiveMeeting, LiveMeeting, LiveTestClient } from './testing/live-fixtures';

const snapshotOf = (result: { ok: boolean; data?: unknown }): LiveSnapshot => {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: LiveSnapshot }).data;
};

describe('live session: join, snapshot, versions, follow the presenter', () => {
  let t: TestApp;
  let meeting: LiveMeeting;
  let documentId: string;
  const clients: LiveTestClient[] = [];
  const connect = async (username: string) => {
    const client = await connectLive(t, username);
    clients.push(client);
    return client;
  };
  const position = (page: number): PresenterPosition => ({
    documentId,
    version: 1,
    page,
    scale: null,
    scrollTop: 0,
    scrollLeft: 0,
  });

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    meeting = await createLiveMeeting(t);
    const res = await upload(
      meeting.secretary,
      `/api/meetings/${meeting.meetingId}/documents`,
      await makePdf([['Trang 1'], ['Trang 2'], ['Trang 3']]),
    ).expect(201);
    documentId = (res.body as { id: string }).id;
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  it('refuses a handshake on the live namespace without a session', async () => {
    const socket = io(`${t.url}${LIVE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const error = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(error.data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('gives a participant the snapshot of the whole live state, with their own part', async () => {
    const delegate = await connect('daibieu');
    const snapshot = snapshotOf(await delegate.call('live:join', { meetingId: meeting.meetingId }));

    expect(snapshot).toMatchObject({
      meetingId: meeting.meetingId,
      meeting: { status: 'live', currentAgendaItemId: null },
      presentation: { presenterUserId: null, position: null },
      viewer: { participantId: meeting.participantIds['daibieu'], meetingRole: 'delegate', votingMember: true },
    });
    expect(snapshot.version).toBeGreaterThan(0);
    expect(snapshot.viewer.represents).toEqual([meeting.participantIds['daibieu']]);
    expect(snapshot.attendance.entries.map((entry) => entry.participantId).sort()).toEqual(
      Object.values(meeting.participantIds).sort(),
    );
  });

  it('answers a non-participant 404 and never lets them into the room', async () => {
    const outsider = await connect('khach');
    const chair = await connect('chutoa');
    await chair.call('live:join', { meetingId: meeting.meetingId });

    const joined = await outsider.call('live:join', { meetingId: meeting.meetingId });
    expect(joined).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(outsider.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);

    const seen = chair.nextUpdate('presentation');
    await chair.call('presenter:set', { meetingId: meeting.meetingId, userId: null });
    await seen;
    expect(outsider.updates).toEqual([]);
  });

  it('validates every payload and keeps the socket', async () => {
    const delegate = await connect('daibieu');
    await expect(delegate.callRaw('live:join', { meetingId: 'nope' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'meetingId' })] },
    });
    await expect(delegate.callRaw('live:join', { meetingId: meeting.meetingId, extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(delegate.socket.connected).toBe(true);
  });

  it('moves every follower with the presenter, one version per page, and only the presenter may move', async () => {
    const chair = await connect('chutoa');
    const readers = [await connect('daibieu'), await connect('daibieu2')];
    await chair.call('live:join', { meetingId: meeting.meetingId });
    const before = await Promise.all(
      readers.map(async (r) => snapshotOf(await r.call('live:join', { meetingId: meeting.meetingId }))),
    );

    await expect(
      readers[0].call('presenter:set', { meetingId: meeting.meetingId, userId: null }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const chairEntry = before[0].attendance.entries.find((e) => e.participantId === meeting.participantIds['chutoa']);
    if (!chairEntry) throw new Error('the chair is not in the attendance list');
    const chairUserId = chairEntry.userId;
    expect(await chair.call('presenter:set', { meetingId: meeting.meetingId, userId: chairUserId })).toEqual({
      ok: true,
      data: null,
    });

    for (const page of [2, 3]) {
      const arrivals = readers.map((reader) => reader.nextUpdate('presentation', (p) => p.position?.page === page));
      const moved = await chair.call('presenter:move', { meetingId: meeting.meetingId, position: position(page) });
      expect(moved).toMatchObject({ ok: true });
      for (const arrived of await Promise.all(arrivals)) {
        expect(arrived.value).toEqual({
          presenterUserId: chairUserId,
          presenterName: chairEntry.displayName,
          position: position(page),
        });
        expect(arrived.version).toBe((moved as { data: { version: number } }).data.version);
      }
    }
    const versions = readers[0].updates.map((update) => update.version);
    expect(versions).toEqual(versions.map((_, i) => versions[0] + i));

    await expect(
      readers[0].call('presenter:move', { meetingId: meeting.meetingId, position: position(1) }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(
      chair.call('presenter:move', {
        meetingId: meeting.meetingId,
        position: { ...position(1), documentId: meeting.meetingId },
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(
      chair.callRaw('presenter:move', { meetingId: meeting.meetingId, position: { ...position(0) } }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('brings a reader who was away back to the presenter page with a fresh snapshot', async () => {
    const chair = await connect('chutoa');
    await chair.call('live:join', { meetingId: meeting.meetingId });
    const away = await connect('daibieu2');
    await away.call('live:join', { meetingId: meeting.meetingId });
    away.close();

    await chair.call('presenter:move', { meetingId: meeting.meetingId, position: position(3) });
    const back = await connect('daibieu2');
    const snapshot = snapshotOf(await back.call('live:join', { meetingId: meeting.meetingId }));

    expect(snapshot.presentation.position).toEqual(position(3));
    expect(snapshotOf(await chair.call('live:sync', { meetingId: meeting.meetingId })).version).toBe(snapshot.version);
  });

  it('sends the meeting status to the room when the meeting changes over HTTP', async () => {
    const delegate = await connect('daibieu');
    await delegate.call('live:join', { meetingId: meeting.meetingId });
    const closed = delegate.nextUpdate('meeting', (m) => m.status === 'closed');

    await transition(meeting.secretary, meeting.meetingId, 'closed').expect(200);

    await expect(closed).resolves.toMatchObject({ value: { status: 'closed' } });
    const chair = await connect('chutoa');
    await expect(
      chair.call('presenter:move', { meetingId: meeting.meetingId, position: position(1) }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
