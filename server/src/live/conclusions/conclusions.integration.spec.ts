import { LiveSnapshot } from '@app/shared';
import { DataSource } from 'typeorm';

import { AuditLogEntry } from '../../audit/audit-log-entry.entity';
import { transition } from '../../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../../testing/test-app';
import { connectLive, createLiveMeeting, LiveMeeting, LiveTestClient } from '../testing/live-fixtures';
import { ConclusionsService } from './conclusions.service';

const snapshotOf = (result: { ok: boolean; data?: unknown }): LiveSnapshot => {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: LiveSnapshot }).data;
};

const OK = { ok: true, data: null };

describe('live conclusions: one per agenda item, by the chair or secretary', () => {
  let t: TestApp;
  let audit: (meetingId: string) => Promise<AuditLogEntry[]>;
  const clients: LiveTestClient[] = [];

  const enter = async (username: string, meetingId: string) => {
    const client = await connectLive(t, username);
    clients.push(client);
    const snapshot = snapshotOf(await client.call('live:join', { meetingId }));
    return { client, snapshot };
  };
  /** A live meeting with three agenda items. */
  const meetingWithAgenda = async (): Promise<LiveMeeting & { itemIds: string[] }> => {
    const meeting = await createLiveMeeting(t);
    const itemIds: string[] = [];
    for (const title of ['Báo cáo kinh tế - xã hội', 'Kế hoạch đầu tư công', 'Các vấn đề khác']) {
      const res = await meeting.secretary.post(`/api/meetings/${meeting.meetingId}/agenda`).send({ title }).expect(201);
      itemIds.push((res.body as { id: string }).id);
    }
    return { ...meeting, itemIds };
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    const dataSource = t.app.get(DataSource);
    audit = async (meetingId) =>
      (await dataSource.getRepository(AuditLogEntry).find({ where: { meetingId }, order: { id: 'ASC' } })).filter(
        (entry) => entry.action.startsWith('conclusion.'),
      );
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  it('shows a conclusion the secretary writes to every client, in agenda order', async () => {
    const { meetingId, itemIds } = await meetingWithAgenda();
    const { client: secretary, snapshot } = await enter('thuky', meetingId);
    expect(snapshot.conclusions).toEqual([]);
    const viewers = [(await enter('daibieu', meetingId)).client, (await enter('xa.anbinh', meetingId)).client];

    const first = viewers.map((viewer) => viewer.nextUpdate('conclusions', (c) => c.length === 1));
    const text = 'Thống nhất thông qua báo cáo; giao Phòng Tài chính hoàn thiện số liệu trước ngày 15.';
    expect(
      await secretary.call('conclusion:set', { meetingId, agendaItemId: itemIds[2], text: `  ${text}\n` }),
    ).toEqual(OK);
    for (const update of await Promise.all(first)) {
      expect(update.value).toEqual([
        { agendaItemId: itemIds[2], text, updatedAt: expect.any(String), updatedByName: 'Nguyễn Thị Thu' },
      ]);
    }

    const both = viewers[0].nextUpdate('conclusions', (c) => c.length === 2);
    expect(await secretary.call('conclusion:set', { meetingId, agendaItemId: itemIds[0], text: 'Thông qua.' })).toEqual(
      OK,
    );
    expect((await both).value.map((entry) => entry.agendaItemId)).toEqual([itemIds[0], itemIds[2]]);

    // The chair rewrites one; then empties the other, which removes it.
    const { client: chair } = await enter('chutoa', meetingId);
    const rewritten = viewers[1].nextUpdate('conclusions', (c) => c[0]?.text === 'Thông qua, có sửa đổi.');
    expect(
      await chair.call('conclusion:set', { meetingId, agendaItemId: itemIds[0], text: 'Thông qua, có sửa đổi.' }),
    ).toEqual(OK);
    expect((await rewritten).value[0]).toMatchObject({ updatedByName: 'Trần Văn Đức' });
    const removed = viewers[0].nextUpdate('conclusions', (c) => c.length === 1);
    expect(await chair.call('conclusion:set', { meetingId, agendaItemId: itemIds[2], text: '   ' })).toEqual(OK);
    expect((await removed).value.map((entry) => entry.agendaItemId)).toEqual([itemIds[0]]);

    await expect(t.app.get(ConclusionsService).list(meetingId)).resolves.toEqual([
      expect.objectContaining({ agendaItemId: itemIds[0], text: 'Thông qua, có sửa đổi.' }),
    ]);
    expect((await audit(meetingId)).map((entry) => [entry.action, entry.subjectId])).toEqual([
      ['conclusion.set', itemIds[2]],
      ['conclusion.set', itemIds[0]],
      ['conclusion.set', itemIds[0]],
      ['conclusion.deleted', itemIds[2]],
    ]);
  });

  it('lets the secretary finish conclusions after closing, not before the meeting is live', async () => {
    const meeting = await meetingWithAgenda();
    const { meetingId, itemIds } = meeting;
    await transition(meeting.secretary, meetingId, 'closed').expect(200);
    const { client: secretary } = await enter('thuky', meetingId);
    expect(
      await secretary.call('conclusion:set', { meetingId, agendaItemId: itemIds[1], text: 'Hoãn sang kỳ họp sau.' }),
    ).toEqual(OK);
    const { conclusions } = snapshotOf(await secretary.call('live:sync', { meetingId }));
    expect(conclusions.map((entry) => entry.text)).toEqual(['Hoãn sang kỳ họp sau.']);

    const scheduled = await createLiveMeeting(t, { status: 'scheduled' });
    const item = await scheduled.secretary
      .post(`/api/meetings/${scheduled.meetingId}/agenda`)
      .send({ title: 'Khai mạc' })
      .expect(201);
    await expect(
      secretary.call('conclusion:set', {
        meetingId: scheduled.meetingId,
        agendaItemId: (item.body as { id: string }).id,
        text: 'Sớm quá.',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses delegates (403), another meeting’s agenda item (404), outsiders (404) and bad payloads', async () => {
    const { meetingId, itemIds } = await meetingWithAgenda();
    const other = await meetingWithAgenda();
    const { client: delegate } = await enter('daibieu', meetingId);
    const { client: secretary } = await enter('thuky', meetingId);

    await expect(
      delegate.call('conclusion:set', { meetingId, agendaItemId: itemIds[0], text: 'Tôi kết luận.' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(
      secretary.call('conclusion:set', { meetingId, agendaItemId: other.itemIds[0], text: 'Nhầm cuộc họp.' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const outsider = await connectLive(t, 'khach');
    clients.push(outsider);
    await expect(
      outsider.call('conclusion:set', { meetingId, agendaItemId: itemIds[0], text: 'Xin chào.' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const payload of [
      { meetingId, agendaItemId: 'nope', text: 'x' },
      { meetingId, agendaItemId: itemIds[0] },
      { meetingId, agendaItemId: itemIds[0], text: 'x'.repeat(20_001) },
      { meetingId, agendaItemId: itemIds[0], text: 'x', extra: true },
    ]) {
      await expect(secretary.callRaw('conclusion:set', payload)).resolves.toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }

    expect(secretary.socket.connected).toBe(true);
    expect(delegate.updates.filter((update) => update.slice === 'conclusions')).toEqual([]);
    const { conclusions } = snapshotOf(await secretary.call('live:sync', { meetingId }));
    expect(conclusions).toEqual([]);
    await expect(t.app.get(ConclusionsService).list(other.meetingId)).resolves.toEqual([]);
  });
});
