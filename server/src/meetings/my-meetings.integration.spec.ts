import type { ErrorResponse, MeetingResponse } from '@app/shared';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { MeetingDocument } from '../documents/meeting-document.entity';

import { loginAs } from '../testing/login';
import type { TestApp } from '../testing/test-app';
import {
  addParticipants,
  BOOT_TIMEOUT,
  bootApp,
  createMeeting,
  HOUR,
  moveTo,
  transition,
  userIdOf,
} from './testing/meeting-fixtures';

describe('"my meetings" and meeting isolation', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let chair: TestAgent;
  let delegate: TestAgent;

  beforeAll(async () => {
    t = await bootApp();
    secretary = await loginAs(t, 'thuky');
    chair = await loginAs(t, 'chutoa');
    delegate = await loginAs(t, 'daibieu2');
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  describe('GET /api/meetings?scope=', () => {
    const titles = (res: { body: unknown }) => (res.body as MeetingResponse[]).map((m) => m.title);

    beforeAll(async () => {
      // For the delegate: the seeded meeting (in 7 days) plus these.
      const plan: [string, number][] = [
        ['Tuần trước', -7 * 24],
        ['Hôm qua', -24],
        ['Đang diễn ra', -1], // started an hour ago, ends in an hour
        ['Ngày mai', 24],
      ];
      for (const [title, inHours] of plan) {
        const { id } = await createMeeting(secretary, inHours, { title });
        await addParticipants(secretary, t, id, ['daibieu2']);
        await transition(secretary, id, 'scheduled').expect(200);
      }
      const draft = await createMeeting(secretary, 48, { title: 'Bản nháp' });
      await addParticipants(secretary, t, draft.id, ['daibieu2']);
    });

    it('lists upcoming meetings (not yet ended) soonest first', async () => {
      const res = await delegate.get('/api/meetings?scope=upcoming').expect(200);
      expect(titles(res)).toEqual([
        'Đang diễn ra',
        'Ngày mai',
        'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX',
      ]);
    });

    it('lists past meetings latest first', async () => {
      expect(titles(await delegate.get('/api/meetings?scope=past').expect(200))).toEqual(['Hôm qua', 'Tuần trước']);
    });

    it('combines the scope with the status and time filters', async () => {
      const from = new Date(Date.now() + 12 * HOUR).toISOString();
      const res = await delegate
        .get(`/api/meetings?scope=upcoming&status=scheduled&from=${encodeURIComponent(from)}`)
        .expect(200);
      expect(titles(res)).toEqual(['Ngày mai', 'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX']);
    });

    it('shows drafts to their secretary only', async () => {
      const mine = (await secretary.get('/api/meetings?scope=upcoming').expect(200)).body as MeetingResponse[];
      expect(mine.find((m) => m.title === 'Bản nháp')).toMatchObject({ status: 'draft', myRole: 'secretary' });
      expect(titles(await delegate.get('/api/meetings').expect(200))).not.toContain('Bản nháp');
    });

    it('answers an unknown scope with 400 on `scope`', async () => {
      const res = await delegate.get('/api/meetings?scope=someday').expect(400);
      expect((res.body as ErrorResponse).errors?.[0].path).toBe('scope');
    });
  });

  describe('a participant of meeting X knows nothing of meeting Y', () => {
    let y: string;
    let yItem: string;
    let yParticipant: string;
    let outsider: TestAgent;

    beforeAll(async () => {
      // Y: the chair with one delegate; the seeded meeting X has daibieu, who is not in Y.
      const meeting = await createMeeting(chair, 24, { title: 'Họp kín Thường trực' });
      y = meeting.id;
      yParticipant = meeting.participants[0].id;
      yItem = (await chair.post(`/api/meetings/${y}/agenda`).send({ title: 'Nhân sự' }).expect(201)).body.id;
      await addParticipants(chair, t, y, ['daibieu2']);
      await moveTo(chair, y, 'closed');
      outsider = await loginAs(t, 'daibieu');
    });

    it('is not listed', async () => {
      const res = await outsider.get('/api/meetings').expect(200);
      expect((res.body as MeetingResponse[]).map((m) => m.id)).not.toContain(y);
    });

    const unknownJob = '6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11';
    it.each([
      ['get', '/api/meetings/:y'],
      ['patch', '/api/meetings/:y'],
      ['post', '/api/meetings/:y/transitions'],
      ['get', '/api/meetings/:y/agenda'],
      ['post', '/api/meetings/:y/agenda'],
      ['patch', '/api/meetings/:y/agenda/:item'],
      ['put', '/api/meetings/:y/agenda/order'],
      ['get', '/api/meetings/:y/participants'],
      ['post', '/api/meetings/:y/participants'],
      ['delete', '/api/meetings/:y/participants/:participant'],
      ['post', '/api/meetings/:y/archive'],
      ['get', `/api/meetings/:y/archive/${unknownJob}`],
      ['get', `/api/meetings/:y/archive/${unknownJob}/download`],
    ] as const)('%s %s → 404', async (method, template) => {
      const path = template.replace(':y', y).replace(':item', yItem).replace(':participant', yParticipant);
      const res = await outsider[method](path).send({ title: 'x' }).expect(404);
      expect((res.body as ErrorResponse).code).toBe('NOT_FOUND');
    });

    it('shows a delegate only the documents they may see, in the detail and the count', async () => {
      const documents = t.app.get(DataSource).getRepository(MeetingDocument);
      const base = { meetingId: y, agendaItemId: null, fileName: 'x.pdf', sizeBytes: 1, pageCount: 1 };
      const [, named] = await documents.save([
        documents.create({ ...base, title: 'Công khai', currentVersion: 1, latestVersion: 1 }),
        documents.create({ ...base, title: 'Mật', visibility: 'named', currentVersion: 1, latestVersion: 1 }),
        documents.create({ ...base, title: 'Đang xử lý', currentVersion: null, latestVersion: 1 }),
      ]);
      const titles = async (agent: TestAgent) =>
        ((await agent.get(`/api/meetings/${y}`).expect(200)).body.documents as { title: string }[])
          .map((d) => d.title)
          .sort();
      const count = async (agent: TestAgent) =>
        ((await agent.get('/api/meetings').expect(200)).body as MeetingResponse[]).find((m) => m.id === y)
          ?.documentCount;
      expect(await titles(chair)).toEqual(['Công khai', 'Mật', 'Đang xử lý']);
      expect(await count(chair)).toBe(3);
      expect(await titles(delegate)).toEqual(['Công khai']);
      expect(await count(delegate)).toBe(1);
      await t.app
        .get(DataSource)
        .query(`INSERT INTO document_readers (documentId, userId) VALUES (?, ?)`, [
          named.id,
          await userIdOf(t, 'daibieu2'),
        ]);
      expect(await titles(delegate)).toEqual(['Công khai', 'Mật']);
      expect(await count(delegate)).toBe(2);
    });

    it('still lets Y’s own delegate read it (and nothing more)', async () => {
      await delegate.get(`/api/meetings/${y}`).expect(200);
      await delegate.post(`/api/meetings/${y}/archive`).expect(403);
    });
  });
});
