import type { AgendaItemResponse, ErrorResponse } from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { loginAs } from '../../testing/login';
import type { TestApp } from '../../testing/test-app';
import { addParticipants, BOOT_TIMEOUT, bootApp, createMeeting, transition } from '../testing/meeting-fixtures';

describe('agenda', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let delegate: TestAgent;

  beforeAll(async () => {
    t = await bootApp();
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  async function meetingWithItems(titles: string[]): Promise<{ id: string; items: AgendaItemResponse[] }> {
    const { id } = await createMeeting(secretary);
    const items: AgendaItemResponse[] = [];
    for (const title of titles) {
      items.push((await secretary.post(`/api/meetings/${id}/agenda`).send({ title }).expect(201)).body);
    }
    return { id, items };
  }

  const agendaOf = async (id: string) =>
    ((await secretary.get(`/api/meetings/${id}/agenda`).expect(200)).body as AgendaItemResponse[]).map((i) => i.title);

  it('appends items numbered 1..n with defaults', async () => {
    const { id } = await createMeeting(secretary);
    const first = await secretary
      .post(`/api/meetings/${id}/agenda`)
      .send({ title: 'Khai mạc', presenter: 'Chủ tọa', plannedMinutes: 10, description: 'Tuyên bố lý do' })
      .expect(201);
    expect(first.body).toMatchObject({
      position: 1,
      title: 'Khai mạc',
      presenter: 'Chủ tọa',
      plannedMinutes: 10,
      description: 'Tuyên bố lý do',
    });
    const second = await secretary.post(`/api/meetings/${id}/agenda`).send({ title: 'Thảo luận' }).expect(201);
    expect(second.body).toMatchObject({ position: 2, presenter: null, plannedMinutes: 15, description: null });
    const detail = (await secretary.get(`/api/meetings/${id}`).expect(200)).body;
    expect(detail.agenda.map((i: AgendaItemResponse) => i.title)).toEqual(['Khai mạc', 'Thảo luận']);
  });

  it('patches an item', async () => {
    const { id, items } = await meetingWithItems(['Khai mạc']);
    const res = await secretary
      .patch(`/api/meetings/${id}/agenda/${items[0].id}`)
      .send({ plannedMinutes: 20, presenter: null })
      .expect(200);
    expect(res.body).toMatchObject({ title: 'Khai mạc', plannedMinutes: 20, presenter: null, position: 1 });
    await secretary.patch(`/api/meetings/${id}/agenda/${items[0].id}`).send({}).expect(400);
  });

  it('deletes an item and closes the gap', async () => {
    const { id, items } = await meetingWithItems(['A', 'B', 'C', 'D']);
    await secretary.delete(`/api/meetings/${id}/agenda/${items[1].id}`).expect(204);
    const agenda = (await secretary.get(`/api/meetings/${id}/agenda`).expect(200)).body as AgendaItemResponse[];
    expect(agenda.map((i) => [i.position, i.title])).toEqual([
      [1, 'A'],
      [2, 'C'],
      [3, 'D'],
    ]);
    await secretary.delete(`/api/meetings/${id}/agenda/${items[1].id}`).expect(404);
  });

  it('reorders in one go, positions unique throughout', async () => {
    const { id, items } = await meetingWithItems(['A', 'B', 'C', 'D']);
    const [a, b, c, d] = items.map((i) => i.id);
    const res = await secretary
      .put(`/api/meetings/${id}/agenda/order`)
      .send({ itemIds: [d, b, a, c] })
      .expect(200);
    expect((res.body as AgendaItemResponse[]).map((i) => [i.position, i.title])).toEqual([
      [1, 'D'],
      [2, 'B'],
      [3, 'A'],
      [4, 'C'],
    ]);
    expect(await agendaOf(id)).toEqual(['D', 'B', 'A', 'C']);
    // A new item after a reorder still goes last.
    await secretary.post(`/api/meetings/${id}/agenda`).send({ title: 'E' }).expect(201);
    expect(await agendaOf(id)).toEqual(['D', 'B', 'A', 'C', 'E']);
  });

  it('refuses anything but a permutation of exactly the meeting’s items with 400, changing nothing', async () => {
    const { id, items } = await meetingWithItems(['A', 'B', 'C']);
    const other = await meetingWithItems(['X']);
    const [a, b, c] = items.map((i) => i.id);
    const bad: unknown[] = [
      [a, b],
      [a, b, c, other.items[0].id],
      [a, b, other.items[0].id],
      [a, a, b],
      [],
      ['a', 'b', 'c'],
    ];
    for (const itemIds of bad) {
      const res = await secretary.put(`/api/meetings/${id}/agenda/order`).send({ itemIds }).expect(400);
      expect((res.body as ErrorResponse).errors?.[0].path).toMatch(/^itemIds/);
    }
    await secretary.put(`/api/meetings/${id}/agenda/order`).send({}).expect(400);
    expect(await agendaOf(id)).toEqual(['A', 'B', 'C']);
  });

  it('answers bad item payloads with 400 and the field', async () => {
    const { id } = await createMeeting(secretary);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: 'x', plannedMinutes: 0 }, 'plannedMinutes'],
      [{ title: 'x', plannedMinutes: 1.5 }, 'plannedMinutes'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ title: 'x', speaker: 'y' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await secretary.post(`/api/meetings/${id}/agenda`).send(body).expect(400);
      expect((res.body as ErrorResponse).errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('gives a delegate 403 on every change but lets them read', async () => {
    const { id, items } = await meetingWithItems(['A', 'B']);
    await addParticipants(secretary, t, id, ['daibieu']);
    await delegate.get(`/api/meetings/${id}/agenda`).expect(200);
    await delegate.post(`/api/meetings/${id}/agenda`).send({ title: 'Của tôi' }).expect(403);
    await delegate.patch(`/api/meetings/${id}/agenda/${items[0].id}`).send({ title: 'Sửa' }).expect(403);
    await delegate.delete(`/api/meetings/${id}/agenda/${items[0].id}`).expect(403);
    await delegate
      .put(`/api/meetings/${id}/agenda/order`)
      .send({ itemIds: [items[1].id, items[0].id] })
      .expect(403);
    expect(await agendaOf(id)).toEqual(['A', 'B']);
  });

  it('allows changes while live, none once closed', async () => {
    const { id, items } = await meetingWithItems(['A', 'B']);
    await transition(secretary, id, 'scheduled').expect(200);
    await transition(secretary, id, 'live').expect(200);
    await secretary.post(`/api/meetings/${id}/agenda`).send({ title: 'Phát sinh' }).expect(201);
    await transition(secretary, id, 'closed').expect(200);
    const res = await secretary.post(`/api/meetings/${id}/agenda`).send({ title: 'Muộn' }).expect(409);
    expect((res.body as ErrorResponse).code).toBe('CONFLICT');
    await secretary.patch(`/api/meetings/${id}/agenda/${items[0].id}`).send({ title: 'x' }).expect(409);
    await secretary.delete(`/api/meetings/${id}/agenda/${items[0].id}`).expect(409);
    await secretary
      .put(`/api/meetings/${id}/agenda/order`)
      .send({ itemIds: [items[1].id, items[0].id] })
      .expect(409);
  });

  it('keeps the seeded meeting’s documents when their agenda item is deleted', async () => {
    const meetings = (await secretary.get('/api/meetings').expect(200)).body as { id: string; title: string }[];
    const seeded = meetings.find((m) => m.title.startsWith('Kỳ họp thứ Mười hai'));
    if (!seeded) throw new Error('no seeded meeting');
    const before = (await secretary.get(`/api/meetings/${seeded.id}`).expect(200)).body;
    const item = before.agenda[0];
    await secretary.delete(`/api/meetings/${seeded.id}/agenda/${item.id}`).expect(204);
    const after = (await secretary.get(`/api/meetings/${seeded.id}`).expect(200)).body;
    expect(before.agenda).toHaveLength(3);
    expect(after.agenda.map((i: AgendaItemResponse) => i.position)).toEqual([1, 2]);
    expect(before.documents.some((d: { agendaItemId: string | null }) => d.agendaItemId === item.id)).toBe(true);
    expect(after.documents).toHaveLength(before.documents.length);
    expect(after.documents.filter((d: { agendaItemId: string | null }) => d.agendaItemId === item.id)).toEqual([]);
  });
});
