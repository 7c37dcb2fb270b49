import { LiveSnapshot, SpeakersState } from '@app/shared';
import { DataSource } from 'typeorm';

import { AuditLogEntry } from '../../audit/audit-log-entry.entity';
import { userIdOf } from '../../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../../testing/test-app';
import { connectLive, createLiveMeeting, LiveMeeting, LiveTestClient } from '../testing/live-fixtures';
import { SpeakersService } from './speakers.service';
import { SpeakingSlot } from './speaking-slot.entity';

const snapshotOf = (result: { ok: boolean; data?: unknown }): LiveSnapshot => {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: LiveSnapshot }).data;
};

const requestIdOf = (result: { ok: boolean; data?: unknown }): string => {
  expect(result).toMatchObject({ ok: true, data: { requestId: expect.any(String) } });
  return (result as { data: { requestId: string } }).data.requestId;
};

const OK = { ok: true, data: null };
const queueOf = (state: SpeakersState) => state.queue.map((request) => [request.displayName, request.kind]);

describe('live speakers: requests, the queue, the floor and its time limit', () => {
  let t: TestApp;
  let speakers: SpeakersService;
  let slotRows: () => Promise<SpeakingSlot[]>;
  /** The speaker actions recorded for a meeting. */
  let audit: (meetingId: string) => Promise<AuditLogEntry[]>;
  const clients: LiveTestClient[] = [];

  /** Connects and joins the meeting's room with the snapshot. */
  const enter = async (username: string, meetingId: string) => {
    const client = await connectLive(t, username);
    clients.push(client);
    const snapshot = snapshotOf(await client.call('live:join', { meetingId }));
    return { client, snapshot };
  };
  /** A live meeting with two agenda items, the first under discussion. */
  const meetingWithItem = async (): Promise<LiveMeeting & { itemIds: string[] }> => {
    const meeting = await createLiveMeeting(t);
    const itemIds: string[] = [];
    for (const title of ['Báo cáo kinh tế - xã hội', 'Kế hoạch đầu tư công']) {
      const res = await meeting.secretary.post(`/api/meetings/${meeting.meetingId}/agenda`).send({ title }).expect(201);
      itemIds.push((res.body as { id: string }).id);
    }
    const { client } = await enter('thuky', meeting.meetingId);
    expect(
      await client.call('meeting:current-item', { meetingId: meeting.meetingId, agendaItemId: itemIds[0] }),
    ).toEqual(OK);
    return { ...meeting, itemIds };
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    speakers = t.app.get(SpeakersService);
    const dataSource = t.app.get(DataSource);
    slotRows = () => dataSource.getRepository(SpeakingSlot).find({ order: { startedAt: 'ASC' } });
    audit = async (meetingId) =>
      (await dataSource.getRepository(AuditLogEntry).find({ where: { meetingId }, order: { id: 'ASC' } })).filter(
        (entry) => entry.action.startsWith('speaker.'),
      );
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  it('puts a request in the queue every participant sees, with the item under discussion', async () => {
    const meeting = await meetingWithItem();
    const { meetingId } = meeting;
    const { client: delegate } = await enter('daibieu', meetingId);
    const others = [(await enter('chutoa', meetingId)).client, (await enter('xa.anbinh', meetingId)).client];
    const seen = others.map((other) => other.nextUpdate('speakers', (s) => s.queue.length === 1));

    const requestId = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'question' }));

    for (const update of await Promise.all(seen)) {
      expect(update.value).toEqual({
        queue: [
          {
            id: requestId,
            participantId: meeting.participantIds['daibieu'],
            displayName: 'Lê Hoàng Phương',
            kind: 'question',
            agendaItemId: meeting.itemIds[0],
            requestedAt: expect.any(String),
          },
        ],
        current: null,
      });
    }
    const snapshot = snapshotOf(await others[0].call('live:sync', { meetingId }));
    expect(snapshot.speakers.queue.map((request) => request.id)).toEqual([requestId]);
  });

  it('refuses a second waiting request from the same participant (CONFLICT), and keeps the first', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: delegate } = await enter('daibieu', meetingId);
    const first = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));

    await expect(delegate.call('speakers:request', { meetingId, kind: 'point_of_order' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(delegate.errors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    const { speakers: state } = snapshotOf(await delegate.call('live:sync', { meetingId }));
    expect(state.queue.map((request) => [request.id, request.kind])).toEqual([[first, 'speech']]);

    // Once withdrawn, they may ask again.
    expect(await delegate.call('speakers:withdraw', { meetingId, requestId: first })).toEqual(OK);
    requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'question' }));
  });

  it('puts a point of order ahead of the speeches, behind the points of order already waiting', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: chair } = await enter('chutoa', meetingId);
    for (const [username, kind] of [
      ['daibieu', 'speech'],
      ['daibieu2', 'point_of_order'],
      ['xa.anbinh', 'point_of_order'],
      ['thuky', 'question'],
    ] as const) {
      const { client } = await enter(username, meetingId);
      requestIdOf(await client.call('speakers:request', { meetingId, kind }));
    }

    const { speakers: state } = snapshotOf(await chair.call('live:sync', { meetingId }));
    expect(queueOf(state)).toEqual([
      ['Phạm Thị Mai', 'point_of_order'],
      ['Điểm cầu Xã An Bình', 'point_of_order'],
      ['Lê Hoàng Phương', 'speech'],
      ['Nguyễn Thị Thu', 'question'],
    ]);
  });

  it('lets the chair reorder the queue, and nobody else (403); the ids must be the waiting ones', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: chair } = await enter('chutoa', meetingId);
    const { client: delegate } = await enter('daibieu', meetingId);
    const { client: delegate2 } = await enter('daibieu2', meetingId);
    const a = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));
    const b = requestIdOf(await delegate2.call('speakers:request', { meetingId, kind: 'question' }));

    await expect(delegate.call('speakers:reorder', { meetingId, requestIds: [b, a] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(
      delegate.call('speakers:give-floor', { meetingId, requestId: a, limitSeconds: 60 }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(chair.call('speakers:reorder', { meetingId, requestIds: [b] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await expect(chair.call('speakers:reorder', { meetingId, requestIds: [b, b] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const reordered = delegate.nextUpdate('speakers', (s) => s.queue[0]?.id === b);
    expect(await chair.call('speakers:reorder', { meetingId, requestIds: [b, a] })).toEqual(OK);
    expect((await reordered).value.queue.map((request) => request.id)).toEqual([b, a]);
    expect((await audit(meetingId)).map((e) => e.action)).toEqual(['speaker.queue_reordered']);

    // A later point of order still goes to the front.
    const { client: site } = await enter('xa.anbinh', meetingId);
    const c = requestIdOf(await site.call('speakers:request', { meetingId, kind: 'point_of_order' }));
    const { speakers: state } = snapshotOf(await chair.call('live:sync', { meetingId }));
    expect(state.queue.map((request) => request.id)).toEqual([c, b, a]);
  });

  it('gives the floor with a time limit; the server ends the slot when the time is up and records it', async () => {
    const meeting = await meetingWithItem();
    const { meetingId } = meeting;
    const { client: chair } = await enter('chutoa', meetingId);
    const { client: delegate } = await enter('daibieu', meetingId);
    const requestId = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));

    const given = delegate.nextUpdate('speakers', (s) => s.current !== null);
    const before = Date.now();
    expect(await chair.call('speakers:give-floor', { meetingId, requestId, limitSeconds: 120 })).toEqual(OK);
    const { value: state } = await given;
    expect(state.queue).toEqual([]);
    expect(state.current).toEqual({
      id: expect.any(String),
      participantId: meeting.participantIds['daibieu'],
      displayName: 'Lê Hoàng Phương',
      kind: 'speech',
      agendaItemId: meeting.itemIds[0],
      startedAt: expect.any(String),
      limitSeconds: 120,
      endsAt: expect.any(String),
    });
    const current = state.current as NonNullable<SpeakersState['current']>;
    const startedAt = Date.parse(current.startedAt);
    expect(startedAt).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(current.endsAt as string)).toBe(startedAt + 120_000);

    // Not yet: a tick before the end changes nothing.
    await expect(speakers.endExpired(new Date(startedAt + 60_000), meetingId)).resolves.toEqual({ ended: 0 });
    const ended = delegate.nextUpdate('speakers', (s) => s.current === null);
    await expect(speakers.endExpired(new Date(startedAt + 121_000))).resolves.toEqual({ ended: 1 });
    expect((await ended).value).toEqual({ queue: [], current: null });

    const slot = (await slotRows()).find((row) => row.id === current.id);
    expect(slot).toMatchObject({
      participantId: meeting.participantIds['daibieu'],
      agendaItemId: meeting.itemIds[0],
      limitSeconds: 120,
      endedBy: 'time',
    });
    expect(slot?.startedAt.getTime()).toBe(startedAt);
    expect(slot?.endedAt?.getTime()).toBe(startedAt + 120_000);
    await expect(speakers.slots(meetingId)).resolves.toEqual([
      {
        participantId: meeting.participantIds['daibieu'],
        displayName: 'Lê Hoàng Phương',
        kind: 'speech',
        agendaItemId: meeting.itemIds[0],
        startedAt: new Date(startedAt),
        endedAt: new Date(startedAt + 120_000),
      },
    ]);
    expect(await audit(meetingId)).toEqual([
      expect.objectContaining({
        action: 'speaker.floor_given',
        actorId: await userIdOf(t, 'chutoa'),
        details: expect.objectContaining({ participantId: meeting.participantIds['daibieu'], limitSeconds: 120 }),
      }),
    ]);
  });

  it('ends the slot on the server timer, re-armed at boot from the database', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: chair } = await enter('chutoa', meetingId);
    const { client: delegate } = await enter('daibieu', meetingId);
    const requestId = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));
    expect(await chair.call('speakers:give-floor', { meetingId, requestId, limitSeconds: 600 })).toEqual(OK);
    const slots = t.app.get(DataSource).getRepository(SpeakingSlot);
    const [open] = await slots.findBy({ meetingId });

    // As if the server had been down: the stored end is now 300 ms away; boot re-arms from it.
    const endsAt = new Date(Date.now() + 300);
    await slots.update({ id: open.id }, { endsAt });
    const ended = delegate.nextUpdate('speakers', (s) => s.current === null, 5000);
    await speakers.onApplicationBootstrap();
    await ended;
    await expect(slots.findOneByOrFail({ id: open.id })).resolves.toMatchObject({ endedBy: 'time', endedAt: endsAt });
  });

  it('ends a slot whose time ran out while the server was down, at boot', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: chair } = await enter('chutoa', meetingId);
    const requestId = requestIdOf(await chair.call('speakers:request', { meetingId, kind: 'speech' }));
    expect(await chair.call('speakers:give-floor', { meetingId, requestId, limitSeconds: 60 })).toEqual(OK);
    const slots = t.app.get(DataSource).getRepository(SpeakingSlot);
    const [open] = await slots.findBy({ meetingId });
    const endsAt = new Date(Date.now() - 10_000);
    await slots.update({ id: open.id }, { endsAt });

    const ended = chair.nextUpdate('speakers', (s) => s.current === null);
    await speakers.onApplicationBootstrap();
    await ended;
    await expect(slots.findOneByOrFail({ id: open.id })).resolves.toMatchObject({ endedBy: 'time', endedAt: endsAt });
  });

  it('ends the current slot when the floor goes to the next speaker; the speaker may end their own', async () => {
    const meeting = await meetingWithItem();
    const { meetingId } = meeting;
    const { client: chair } = await enter('chutoa', meetingId);
    const { client: delegate } = await enter('daibieu', meetingId);
    const { client: delegate2 } = await enter('daibieu2', meetingId);
    const first = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));
    const second = requestIdOf(await delegate2.call('speakers:request', { meetingId, kind: 'question' }));

    expect(await chair.call('speakers:give-floor', { meetingId, requestId: first, limitSeconds: null })).toEqual(OK);
    await expect(
      chair.call('speakers:give-floor', { meetingId, requestId: first, limitSeconds: null }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The next item is taken up while the first speaker talks: the next slot belongs to it.
    expect(await chair.call('meeting:current-item', { meetingId, agendaItemId: meeting.itemIds[1] })).toEqual(OK);
    const next = delegate.nextUpdate(
      'speakers',
      (s) => s.current?.participantId === meeting.participantIds['daibieu2'],
    );
    expect(await chair.call('speakers:give-floor', { meetingId, requestId: second, limitSeconds: 30 })).toEqual(OK);
    expect((await next).value).toMatchObject({ queue: [], current: { kind: 'question', limitSeconds: 30 } });

    // Someone else cannot end it (403); the speaker can.
    await expect(delegate.call('speakers:end', { meetingId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const over = chair.nextUpdate('speakers', (s) => s.current === null);
    expect(await delegate2.call('speakers:end', { meetingId })).toEqual(OK);
    await over;
    await expect(chair.call('speakers:end', { meetingId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const rows = (await slotRows()).filter((row) => row.meetingId === meetingId);
    expect(rows.map((row) => [row.participantId, row.agendaItemId, row.endedBy])).toEqual([
      [meeting.participantIds['daibieu'], meeting.itemIds[0], 'next'],
      [meeting.participantIds['daibieu2'], meeting.itemIds[1], 'speaker'],
    ]);
    expect(rows[0].endedAt?.getTime()).toBe(rows[1].startedAt.getTime());
    expect(rows[0].endsAt).toBeNull();
    const recorded = await speakers.slots(meetingId);
    expect(recorded.map((slot) => [slot.displayName, slot.endedAt instanceof Date])).toEqual([
      ['Lê Hoàng Phương', true],
      ['Phạm Thị Mai', true],
    ]);

    // The chair ends a slot too.
    const third = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));
    expect(await chair.call('speakers:give-floor', { meetingId, requestId: third, limitSeconds: 60 })).toEqual(OK);
    expect(await chair.call('speakers:end', { meetingId })).toEqual(OK);
    expect((await slotRows()).filter((row) => row.meetingId === meetingId).map((row) => row.endedBy)).toEqual([
      'next',
      'speaker',
      'chair',
    ]);
  });

  it('lets a participant withdraw their own request, and organisers anyone’s', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: chair } = await enter('thuky', meetingId);
    const { client: delegate } = await enter('daibieu', meetingId);
    const { client: delegate2 } = await enter('daibieu2', meetingId);
    const mine = requestIdOf(await delegate.call('speakers:request', { meetingId, kind: 'speech' }));
    const theirs = requestIdOf(await delegate2.call('speakers:request', { meetingId, kind: 'speech' }));

    await expect(delegate.call('speakers:withdraw', { meetingId, requestId: theirs })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const gone = chair.nextUpdate('speakers', (s) => s.queue.length === 1);
    expect(await delegate.call('speakers:withdraw', { meetingId, requestId: mine })).toEqual(OK);
    expect((await gone).value.queue.map((request) => request.id)).toEqual([theirs]);
    await expect(delegate.call('speakers:withdraw', { meetingId, requestId: mine })).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const empty = delegate2.nextUpdate('speakers', (s) => s.queue.length === 0);
    expect(await chair.call('speakers:withdraw', { meetingId, requestId: theirs })).toEqual(OK);
    await empty;
    expect((await audit(meetingId)).map((e) => [e.action, e.subjectId])).toEqual([
      ['speaker.request_withdrawn', theirs],
    ]);
  });

  it('answers 404 to a non-participant, 403 to a guest, 404 to a request of another meeting', async () => {
    const meeting = await createLiveMeeting(t);
    const { meetingId } = meeting;
    const outsider = await connectLive(t, 'khach');
    clients.push(outsider);
    await expect(outsider.call('speakers:request', { meetingId, kind: 'speech' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    await meeting.secretary
      .post(`/api/meetings/${meetingId}/participants`)
      .send({ userId: await userIdOf(t, 'khach'), meetingRole: 'guest' })
      .expect(201);
    await expect(outsider.call('speakers:request', { meetingId, kind: 'speech' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const other = await createLiveMeeting(t);
    const { client: delegate } = await enter('daibieu', other.meetingId);
    const elsewhere = requestIdOf(
      await delegate.call('speakers:request', { meetingId: other.meetingId, kind: 'speech' }),
    );
    const { client: chair } = await enter('chutoa', meetingId);
    await expect(
      chair.call('speakers:give-floor', { meetingId, requestId: elsewhere, limitSeconds: null }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(chair.call('speakers:withdraw', { meetingId, requestId: elsewhere })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const { speakers: state } = snapshotOf(await delegate.call('live:sync', { meetingId: other.meetingId }));
    expect(state.queue.map((request) => request.id)).toEqual([elsewhere]);
  });

  it('refuses bad payloads (VALIDATION_FAILED) and keeps the socket; a meeting not live is CONFLICT', async () => {
    const { meetingId } = await createLiveMeeting(t);
    const { client: chair } = await enter('chutoa', meetingId);
    for (const [event, payload] of [
      ['speakers:request', { meetingId, kind: 'shout' }],
      ['speakers:request', { meetingId }],
      ['speakers:withdraw', { meetingId, requestId: 'nope' }],
      ['speakers:reorder', { meetingId, requestIds: 'all' }],
      ['speakers:give-floor', { meetingId, requestId: meetingId, limitSeconds: 5 }],
      ['speakers:give-floor', { meetingId, requestId: meetingId }],
      ['speakers:end', { meetingId, now: true }],
    ] as const) {
      await expect(chair.callRaw(event, payload)).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(chair.socket.connected).toBe(true);
    expect(chair.updates.filter((update) => update.slice === 'speakers')).toEqual([]);

    const scheduled = await createLiveMeeting(t, { status: 'scheduled' });
    const early = await connectLive(t, 'daibieu');
    clients.push(early);
    await expect(
      early.call('speakers:request', { meetingId: scheduled.meetingId, kind: 'speech' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
