import type { AuditPageResponse, ErrorResponse, MeetingDetailResponse, MeetingResponse } from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { loginAs } from '../../testing/login';
import type { TestApp } from '../../testing/test-app';
import {
  addParticipants,
  BOOT_TIMEOUT,
  bootApp,
  createMeeting,
  meetingBody,
  transition,
} from '../testing/meeting-fixtures';

describe('meeting lifecycle (create, edit, transitions)', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let delegate: TestAgent;
  let admin: TestAgent;

  beforeAll(async () => {
    t = await bootApp();
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
    admin = await loginAs(t, 'quantri');
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  it('creates a draft with the secretary as its secretary, hidden from delegates until scheduled', async () => {
    const meeting = await createMeeting(secretary);
    expect(meeting).toMatchObject({
      status: 'draft',
      myRole: 'secretary',
      title: 'Họp giao ban Ủy ban nhân dân huyện',
      organiser: { name: 'Huyện Sông Lam', kind: 'district' },
      allowedTransitions: ['scheduled', 'cancelled'],
      agenda: [],
      documents: [],
    });
    expect(meeting.participants).toEqual([
      expect.objectContaining({ displayName: 'Nguyễn Thị Thu', meetingRole: 'secretary', kind: 'person' }),
    ]);
    await addParticipants(secretary, t, meeting.id, ['daibieu']);
    const listed = (await delegate.get('/api/meetings').expect(200)).body as MeetingResponse[];
    expect(listed.map((m) => m.id)).not.toContain(meeting.id);
    await transition(secretary, meeting.id, 'scheduled').expect(200);
    const after = (await delegate.get('/api/meetings').expect(200)).body as MeetingResponse[];
    expect(after.map((m) => m.id)).toContain(meeting.id);
  });

  it('lets a chair create (as chair) and an admin create (as secretary), but not a delegate', async () => {
    const chair = await loginAs(t, 'chutoa');
    expect((await createMeeting(chair)).myRole).toBe('chair');
    expect((await createMeeting(admin)).myRole).toBe('secretary');
    const res = await delegate.post('/api/meetings').send(meetingBody(24)).expect(403);
    expect((res.body as ErrorResponse).code).toBe('FORBIDDEN');
  });

  it('answers bad payloads with 400 and the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '  ' }, 'title'],
      [{ mode: 'carrier_pigeon' }, 'mode'],
      [{ startsAt: 'tomorrow' }, 'startsAt'],
      [{ endsAt: new Date(Date.now() + 3_600_000).toISOString() }, 'endsAt'],
      [{ organiserUnitId: 'not-a-uuid' }, 'organiserUnitId'],
      [{ organiserUnitId: '6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11' }, 'organiserUnitId'],
      [{ colour: 'red' }, ''],
    ];
    for (const [override, path] of cases) {
      const res = await secretary.post('/api/meetings').send(meetingBody(48, override)).expect(400);
      const body = res.body as ErrorResponse;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('walks draft → scheduled → live → closed → archived', async () => {
    const { id } = await createMeeting(secretary);
    for (const to of ['scheduled', 'live', 'closed', 'archived'] as const) {
      const res = await transition(secretary, id, to).expect(200);
      expect((res.body as MeetingDetailResponse).status).toBe(to);
    }
    expect(((await secretary.get(`/api/meetings/${id}`)).body as MeetingDetailResponse).allowedTransitions).toEqual([]);
  });

  it('refuses illegal transitions with 409 naming both states', async () => {
    const { id } = await createMeeting(secretary);
    let res = await transition(secretary, id, 'live').expect(409);
    expect(res.body).toEqual({
      code: 'CONFLICT',
      message: 'Không thể chuyển cuộc họp từ "bản nháp" sang "đang họp" / Cannot move a meeting from draft to live',
    });
    await transition(secretary, id, 'scheduled').expect(200);
    res = await transition(secretary, id, 'closed').expect(409);
    expect((res.body as ErrorResponse).message).toContain('from scheduled to closed');
    await transition(secretary, id, 'draft').expect(409);
    await transition(secretary, id, 'live').expect(200);
    res = await transition(secretary, id, 'cancelled', 'Bão').expect(409);
    expect((res.body as ErrorResponse).message).toContain('from live to cancelled');
    await transition(secretary, id, 'closed').expect(200);
    await transition(secretary, id, 'scheduled').expect(409);
    await transition(secretary, id, 'archived').expect(200);
    res = await transition(secretary, id, 'cancelled', 'x').expect(409);
    expect((res.body as ErrorResponse).message).toContain('from archived to cancelled');
  });

  it('needs a reason to cancel a scheduled meeting, and keeps it', async () => {
    const { id } = await createMeeting(secretary);
    await transition(secretary, id, 'scheduled').expect(200);
    const res = await transition(secretary, id, 'cancelled').expect(400);
    expect((res.body as ErrorResponse).errors).toEqual([{ path: 'reason', message: expect.any(String) }]);
    await secretary.post(`/api/meetings/${id}/transitions`).send({ to: 'cancelled', reason: '   ' }).expect(400);
    const done = await transition(secretary, id, 'cancelled', 'Bão số 5 đổ bộ').expect(200);
    expect(done.body as MeetingDetailResponse).toMatchObject({ status: 'cancelled', cancelReason: 'Bão số 5 đổ bộ' });
    await transition(secretary, id, 'scheduled').expect(409);
  });

  it('cancels a draft without a reason', async () => {
    const { id } = await createMeeting(secretary);
    expect((await transition(secretary, id, 'cancelled').expect(200)).body.status).toBe('cancelled');
  });

  it('answers a bad transition body with 400 and the field', async () => {
    const { id } = await createMeeting(secretary);
    const res = await secretary.post(`/api/meetings/${id}/transitions`).send({ to: 'party' }).expect(400);
    expect((res.body as ErrorResponse).errors?.[0].path).toBe('to');
  });

  it('edits a draft or scheduled meeting, not a live one, and audits the change', async () => {
    const { id } = await createMeeting(secretary);
    const res = await secretary
      .patch(`/api/meetings/${id}`)
      .send({ place: 'Hội trường lớn', mode: 'hybrid' })
      .expect(200);
    expect(res.body as MeetingDetailResponse).toMatchObject({ place: 'Hội trường lớn', mode: 'hybrid' });
    const bad = await secretary
      .patch(`/api/meetings/${id}`)
      .send({ endsAt: new Date(Date.parse(res.body.startsAt) - 60_000).toISOString() })
      .expect(400);
    expect((bad.body as ErrorResponse).errors?.[0].path).toBe('endsAt');
    await secretary.patch(`/api/meetings/${id}`).send({}).expect(400);
    await transition(secretary, id, 'scheduled').expect(200);
    await secretary.patch(`/api/meetings/${id}`).send({ title: 'Họp giao ban (đổi tên)' }).expect(200);
    await transition(secretary, id, 'live').expect(200);
    const live = await secretary.patch(`/api/meetings/${id}`).send({ title: 'Muộn rồi' }).expect(409);
    expect((live.body as ErrorResponse).message).toContain('live');

    const audit = (await admin.get(`/api/audit?meetingId=${id}`).expect(200)).body as AuditPageResponse;
    expect(audit.entries.map((e) => e.action).reverse()).toEqual([
      'meeting.created',
      'meeting.updated',
      'meeting.status_changed',
      'meeting.updated',
      'meeting.status_changed',
    ]);
    expect(audit.entries[3].details).toMatchObject({ changes: { place: { to: 'Hội trường lớn' } } });
  });

  it('gives a delegate 403 on changing the meeting or its status', async () => {
    const { id } = await createMeeting(secretary);
    await addParticipants(secretary, t, id, ['daibieu']);
    await transition(secretary, id, 'scheduled').expect(200);
    expect((await delegate.get(`/api/meetings/${id}`).expect(200)).body).toMatchObject({
      myRole: 'delegate',
      allowedTransitions: [],
    });
    await delegate.patch(`/api/meetings/${id}`).send({ title: 'Của tôi' }).expect(403);
    await transition(delegate, id, 'live').expect(403);
    await transition(delegate, id, 'cancelled', 'không thích').expect(403);
  });
});
