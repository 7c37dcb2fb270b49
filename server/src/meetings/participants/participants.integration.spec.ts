import type {
  AuditPageResponse,
  ErrorResponse,
  OrganisationUnitDetailResponse,
  ParticipantResponse,
  UserSummaryResponse,
} from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { loginAs } from '../../testing/login';
import type { TestApp } from '../../testing/test-app';
import { BOOT_TIMEOUT, bootApp, createMeeting, transition, userIdOf } from '../testing/meeting-fixtures';

describe('participants and the people look-ups', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let delegate: TestAgent;

  beforeAll(async () => {
    t = await bootApp();
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  const add = (meetingId: string, body: Record<string, unknown>) =>
    secretary.post(`/api/meetings/${meetingId}/participants`).send(body);

  it('adds people and commune sites with sensible defaults, and lists them chair first', async () => {
    const { id } = await createMeeting(secretary);
    const chair = (await add(id, { userId: await userIdOf(t, 'chutoa'), meetingRole: 'chair' }).expect(201))
      .body as ParticipantResponse;
    expect(chair).toMatchObject({
      displayName: 'Trần Văn Đức',
      meetingRole: 'chair',
      votingMember: true,
      kind: 'person',
    });
    const site = (await add(id, { userId: await userIdOf(t, 'xa.anbinh') }).expect(201)).body as ParticipantResponse;
    expect(site).toMatchObject({
      displayName: 'Điểm cầu Xã An Bình',
      meetingRole: 'site',
      votingMember: false,
      kind: 'site',
      unit: { name: 'Xã An Bình', kind: 'commune' },
    });
    const guest = (await add(id, { userId: await userIdOf(t, 'khach'), meetingRole: 'guest' }).expect(201))
      .body as ParticipantResponse;
    expect(guest.votingMember).toBe(false);
    await add(id, { userId: await userIdOf(t, 'daibieu') }).expect(201);

    await transition(secretary, id, 'scheduled').expect(200);
    const list = (await delegate.get(`/api/meetings/${id}/participants`).expect(200)).body as ParticipantResponse[];
    expect(list.map((p) => [p.meetingRole, p.displayName])).toEqual([
      ['chair', 'Trần Văn Đức'],
      ['secretary', 'Nguyễn Thị Thu'],
      ['delegate', 'Lê Hoàng Phương'],
      ['guest', 'Vũ Minh Khách'],
      ['site', 'Điểm cầu Xã An Bình'],
    ]);
    const detail = (await delegate.get(`/api/meetings/${id}`).expect(200)).body;
    expect(detail.participants).toEqual(list);
  });

  it('refuses a site role for a person, another role for a site, duplicates and unknown users', async () => {
    const { id } = await createMeeting(secretary);
    let res = await add(id, { userId: await userIdOf(t, 'daibieu'), meetingRole: 'site' }).expect(400);
    expect((res.body as ErrorResponse).errors?.[0].path).toBe('meetingRole');
    res = await add(id, { userId: await userIdOf(t, 'xa.anbinh'), meetingRole: 'delegate' }).expect(400);
    expect((res.body as ErrorResponse).errors?.[0].path).toBe('meetingRole');
    await add(id, { userId: await userIdOf(t, 'daibieu') }).expect(201);
    res = await add(id, { userId: await userIdOf(t, 'daibieu') }).expect(409);
    expect((res.body as ErrorResponse).message).toContain('already takes part');
    res = await add(id, { userId: '6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11' }).expect(400);
    expect((res.body as ErrorResponse).errors?.[0].path).toBe('userId');
    res = await add(id, { userId: 'daibieu' }).expect(400);
    expect((res.body as ErrorResponse).errors?.[0].path).toBe('userId');
    res = await add(id, { userId: await userIdOf(t, 'daibieu2'), votingMember: 'yes' }).expect(400);
    expect((res.body as ErrorResponse).errors?.[0].path).toBe('votingMember');
  });

  it('changes a role or voting right, removes, and keeps at least one chair or secretary', async () => {
    const { id, participants } = await createMeeting(secretary);
    const me = participants[0];
    const added = (await add(id, { userId: await userIdOf(t, 'daibieu') }).expect(201)).body as ParticipantResponse;
    const patched = await secretary
      .patch(`/api/meetings/${id}/participants/${added.id}`)
      .send({ votingMember: false })
      .expect(200);
    expect(patched.body).toMatchObject({ meetingRole: 'delegate', votingMember: false });
    await secretary.patch(`/api/meetings/${id}/participants/${added.id}`).send({}).expect(400);

    let res = await secretary.delete(`/api/meetings/${id}/participants/${me.id}`).expect(409);
    expect((res.body as ErrorResponse).message).toContain('at least one chair or secretary');
    res = await secretary
      .patch(`/api/meetings/${id}/participants/${me.id}`)
      .send({ meetingRole: 'delegate' })
      .expect(409);
    await secretary.patch(`/api/meetings/${id}/participants/${added.id}`).send({ meetingRole: 'chair' }).expect(200);
    await secretary.delete(`/api/meetings/${id}/participants/${me.id}`).expect(204);
    // The secretary has left the meeting: it is gone for them.
    await secretary.get(`/api/meetings/${id}`).expect(404);

    const admin = await loginAs(t, 'quantri');
    const audit = (await admin.get(`/api/audit?meetingId=${id}`).expect(200)).body as AuditPageResponse;
    expect(audit.entries.map((e) => e.action)).toEqual([
      'participant.removed',
      'participant.updated',
      'participant.updated',
      'participant.added',
      'meeting.created',
    ]);
  });

  it('answers an unknown participant id with 404 and a malformed one with 400', async () => {
    const { id } = await createMeeting(secretary);
    await secretary.delete(`/api/meetings/${id}/participants/6f1c1c58-2f0f-4c7a-9d2e-0b4c1f0a9e11`).expect(404);
    await secretary.delete(`/api/meetings/${id}/participants/nope`).expect(400);
  });

  it('gives a delegate 403 on adding, changing or removing participants', async () => {
    const { id } = await createMeeting(secretary);
    const added = (await add(id, { userId: await userIdOf(t, 'daibieu') }).expect(201)).body as ParticipantResponse;
    await delegate.get(`/api/meetings/${id}/participants`).expect(200);
    await delegate
      .post(`/api/meetings/${id}/participants`)
      .send({ userId: await userIdOf(t, 'khach') })
      .expect(403);
    await delegate.patch(`/api/meetings/${id}/participants/${added.id}`).send({ votingMember: false }).expect(403);
    await delegate.delete(`/api/meetings/${id}/participants/${added.id}`).expect(403);
  });

  it('freezes participants once the meeting is closed', async () => {
    const { id } = await createMeeting(secretary);
    for (const to of ['scheduled', 'live', 'closed'] as const) await transition(secretary, id, to).expect(200);
    const res = await add(id, { userId: await userIdOf(t, 'daibieu') }).expect(409);
    expect((res.body as ErrorResponse).code).toBe('CONFLICT');
  });

  it('finds accounts by name without diacritics, by role, and lists the units', async () => {
    let users = (await secretary.get('/api/users?search=nguyen').expect(200)).body as UserSummaryResponse[];
    expect(users.map((u) => u.username)).toEqual(['thuky']);
    users = (await secretary.get('/api/users?search=%C4%90%E1%BB%A9C').expect(200)).body as UserSummaryResponse[];
    expect(users.map((u) => u.username)).toEqual(['chutoa']);
    users = (await secretary.get('/api/users?role=commune_site').expect(200)).body as UserSummaryResponse[];
    expect(users).toEqual([
      expect.objectContaining({
        username: 'xa.anbinh',
        role: 'commune_site',
        unit: expect.objectContaining({ name: 'Xã An Bình' }),
      }),
    ]);
    expect(users[0]).not.toHaveProperty('passwordHash');
    await secretary.get('/api/users?role=king').expect(400);

    const units = (await secretary.get('/api/units').expect(200)).body as OrganisationUnitDetailResponse[];
    expect(units).toHaveLength(14);
    expect(units[0]).toMatchObject({ name: 'Huyện Sông Lam', kind: 'district', parentId: null });
    expect(units.slice(1).every((u) => u.kind === 'commune' && u.parentId === units[0].id)).toBe(true);

    await delegate.get('/api/users').expect(403);
    await delegate.get('/api/units').expect(403);
  });
});
