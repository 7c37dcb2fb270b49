import type { ErrorResponse, MeetingDetailResponse, MeetingResponse } from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { loginAs } from '../testing/login';
import type { TestApp } from '../testing/test-app';
import { BOOT_TIMEOUT, bootApp } from './testing/meeting-fixtures';

describe('GET /api/meetings (seeded demo, real sqlite, logged in as a delegate)', () => {
  let t: TestApp;
  let delegate: TestAgent;

  beforeAll(async () => {
    t = await bootApp();
    delegate = await loginAs(t, 'daibieu');
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  it('lists the seeded scheduled meeting with its organiser, agenda and document counts', async () => {
    const res = await delegate.get('/api/meetings').expect(200);
    const meetings = res.body as MeetingResponse[];
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      title: 'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX',
      status: 'scheduled',
      mode: 'hybrid',
      organiser: { name: 'Huyện Sông Lam', kind: 'district' },
      agendaItemCount: 3,
      documentCount: 2,
      myRole: 'delegate',
    });
    expect(Date.parse(meetings[0].startsAt)).toBeGreaterThan(Date.now());
    expect(res.headers['x-request-id']).toMatch(/[\w-]+/);
  });

  it('filters by status', async () => {
    const res = await delegate.get('/api/meetings?status=closed').expect(200);
    expect(res.body).toEqual([]);
  });

  it('returns one meeting with its ordered agenda and documents', async () => {
    const [meeting] = (await delegate.get('/api/meetings')).body as MeetingResponse[];
    const res = await delegate.get(`/api/meetings/${meeting.id}`).expect(200);
    const detail = res.body as MeetingDetailResponse;
    expect(detail.agenda.map((a) => a.position)).toEqual([1, 2, 3]);
    expect(detail.agenda[0].title).toContain('đầu tư công');
    expect(detail.documents).toHaveLength(2);
    expect(detail.documents.every((d) => d.pageCount >= 3 && d.fileName.endsWith('.pdf'))).toBe(true);
  });

  it('tells the caller their role and who takes part', async () => {
    const [meeting] = (await delegate.get('/api/meetings')).body as MeetingResponse[];
    const detail = (await delegate.get(`/api/meetings/${meeting.id}`).expect(200)).body as MeetingDetailResponse;
    expect(detail).toMatchObject({ myRole: 'delegate', allowedTransitions: [], cancelReason: null });
    expect(detail.participants.map((p) => [p.meetingRole, p.displayName, p.votingMember, p.kind])).toEqual([
      ['chair', 'Trần Văn Đức', true, 'person'],
      ['secretary', 'Nguyễn Thị Thu', false, 'person'],
      ['delegate', 'Lê Hoàng Phương', true, 'person'],
      ['delegate', 'Phạm Thị Mai', true, 'person'],
      ['guest', 'Quản trị hệ thống', false, 'person'],
      ['site', 'Điểm cầu Xã An Bình', false, 'site'],
    ]);
    expect(detail.participants[5].unit).toMatchObject({ name: 'Xã An Bình', kind: 'commune' });
  });

  it('answers a bad query with 400 and the field that is wrong', async () => {
    const res = await delegate.get('/api/meetings?status=party').expect(400);
    const body = res.body as ErrorResponse;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors?.[0].path).toBe('status');
  });

  it('answers an unknown query key with 400', async () => {
    const res = await delegate.get('/api/meetings?limit=5').expect(400);
    expect((res.body as ErrorResponse).code).toBe('VALIDATION_FAILED');
  });

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    await delegate.get('/api/meetings/not-a-uuid').expect(400);
    const res = await delegate.get('/api/meetings/6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11').expect(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.stringContaining('not found') });
  });

  it('shows a user who is not invited neither the meeting in the list nor its detail (404)', async () => {
    const [meeting] = (await delegate.get('/api/meetings')).body as MeetingResponse[];
    const guest = await loginAs(t, 'khach');
    expect((await guest.get('/api/meetings').expect(200)).body).toEqual([]);
    const res = await guest.get(`/api/meetings/${meeting.id}`).expect(404);
    expect((res.body as ErrorResponse).code).toBe('NOT_FOUND');
  });

  it('answers an unknown API route with the same error shape', async () => {
    const res = await delegate.get('/api/nothing-here').expect(404);
    expect((res.body as ErrorResponse).code).toBe('NOT_FOUND');
  });

  it('serves the OpenAPI document with the meetings routes', async () => {
    const res = await delegate.get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/meetings',
        '/api/meetings/{meetingId}',
        '/api/meetings/{meetingId}/transitions',
        '/api/meetings/{meetingId}/participants',
        '/api/meetings/{meetingId}/agenda/order',
        '/api/meetings/{meetingId}/archive/{jobId}/download',
        '/api/notifications',
        '/api/users',
        '/api/units',
        '/api/health',
        '/api/auth/login',
      ]),
    );
  });
});
