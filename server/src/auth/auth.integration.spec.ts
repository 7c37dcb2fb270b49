import type { AuditPageResponse, ErrorResponse, SessionUserResponse } from '@app/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { anonymousAgent, demoPassword, loginAs, setCookies } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';
import { Session } from './session.entity';

function sessionCookie(setCookie: string[]): string {
  const cookie = setCookie.find((c) => c.startsWith('ecab_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

describe('auth: sessions, CSRF, rate limits, audit (real sqlite, seeded accounts)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '40' } });
  });
  afterAll(() => t.close());

  it('logs in with an httpOnly SameSite=Strict cookie and answers who is logged in', async () => {
    const agent = await anonymousAgent(t);
    const res = await agent
      .post('/api/auth/login')
      .send({ username: 'daibieu', password: await demoPassword(t, 'daibieu') })
      .expect(200);
    const cookie = sessionCookie(setCookies(res));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((res.body as SessionUserResponse).displayName).toBe('Lê Hoàng Phương');
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ username: 'daibieu', role: 'delegate', unit: { kind: 'district' } });
    // The database holds a hash, never the token itself.
    const token = /ecab_session=([^;]+)/.exec(cookie)![1];
    const stored = await t.app.get(DataSource).getRepository(Session).find();
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
  });

  it('refuses a wrong password and an unknown account with the same 401', async () => {
    const agent = await anonymousAgent(t);
    const wrong = await agent.post('/api/auth/login').send({ username: 'chutoa', password: 'nope-nope' }).expect(401);
    const unknown = await agent.post('/api/auth/login').send({ username: 'ghost', password: 'nope-nope' }).expect(401);
    expect((wrong.body as ErrorResponse).code).toBe('UNAUTHENTICATED');
    expect(unknown.body).toEqual(wrong.body);
    expect(setCookies(wrong).some((c) => c.startsWith('ecab_session='))).toBe(false);
  });

  it('refuses a login body that is not the contract with 400', async () => {
    const agent = await anonymousAgent(t);
    const res = await agent.post('/api/auth/login').send({ username: 'x', password: 'y', admin: true }).expect(400);
    expect((res.body as ErrorResponse).code).toBe('VALIDATION_FAILED');
  });

  it('refuses an unsafe request without the XSRF header (CSRF), even with a valid session', async () => {
    const agent = await loginAs(t, 'daibieu');
    const bare = request(t.app.getHttpServer());
    const res = await bare.post('/api/auth/login').send({ username: 'daibieu', password: 'x' }).expect(403);
    expect((res.body as ErrorResponse).message).toMatch(/CSRF/);
    // Same agent (cookies) but a forged header value.
    await agent.post('/api/auth/logout').set('X-XSRF-TOKEN', 'forged').expect(403);
    await agent.get('/api/auth/me').expect(200);
  });

  it('keeps every API route but health and login closed without a session', async () => {
    const bare = request(t.app.getHttpServer());
    const res = await bare.get('/api/meetings').expect(401);
    expect((res.body as ErrorResponse).code).toBe('UNAUTHENTICATED');
    await bare.get('/api/auth/me').expect(401);
    await bare.get('/api/health').expect(200);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const agent = await anonymousAgent(t);
    const login = await agent
      .post('/api/auth/login')
      .send({ username: 'thuky', password: await demoPassword(t, 'thuky') })
      .expect(200);
    const cookie = sessionCookie(setCookies(login)).split(';')[0];
    await agent.post('/api/auth/logout').expect(204);
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('ends a session once it is past its expiry', async () => {
    const agent = await loginAs(t, 'xa.anbinh');
    await agent.get('/api/auth/me').expect(200);
    const user = await t.app.get(DataSource).query(`SELECT id FROM users WHERE username = 'xa.anbinh'`);
    await t.app
      .get(DataSource)
      .getRepository(Session)
      .update({ userId: user[0].id }, { expiresAt: new Date(Date.now() - 1000) });
    await agent.get('/api/auth/me').expect(401);
  });

  it('blocks an account after repeated failures and audits each attempt', async () => {
    const agent = await anonymousAgent(t);
    for (let i = 0; i < 3; i++) {
      await agent
        .post('/api/auth/login')
        .send({ username: 'daibieu2', password: `guess-${i}` })
        .expect(401);
    }
    // The right password no longer helps while the account is blocked.
    const res = await agent
      .post('/api/auth/login')
      .send({ username: 'daibieu2', password: await demoPassword(t, 'daibieu2') })
      .expect(429);
    expect((res.body as ErrorResponse).code).toBe('RATE_LIMITED');
    expect(Number(res.get('retry-after'))).toBeGreaterThan(0);

    const admin = await loginAs(t, 'quantri');
    const failed = (await admin.get('/api/audit?action=auth.login_failed').expect(200)).body as AuditPageResponse;
    expect(failed.entries.filter((e) => e.actorName === 'daibieu2')).toHaveLength(3);
    expect(failed.entries[0].ip).toBeTruthy();
    const throttled = (await admin.get('/api/audit?action=auth.login_throttled').expect(200)).body as AuditPageResponse;
    expect(throttled.entries[0]).toMatchObject({ actorName: 'daibieu2', details: { scope: 'account' } });
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const other = await loginAs(t, 'chutoa');
    const agent = await loginAs(t, 'chutoa');
    const oldPassword = await demoPassword(t, 'chutoa');
    const wrong = await agent
      .post('/api/auth/password')
      .send({ currentPassword: 'not-it-at-all', newPassword: 'mat-khau-moi-2027' })
      .expect(400);
    expect((wrong.body as ErrorResponse).errors?.[0].path).toBe('currentPassword');
    await agent.post('/api/auth/password').send({ currentPassword: oldPassword, newPassword: 'short' }).expect(400);
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: oldPassword, newPassword: 'mat-khau-moi-2027' })
      .expect(204);
    await agent.get('/api/auth/me').expect(200);
    await other.get('/api/auth/me').expect(401);
    const fresh = await anonymousAgent(t);
    await fresh.post('/api/auth/login').send({ username: 'chutoa', password: oldPassword }).expect(401);
    await fresh.post('/api/auth/login').send({ username: 'chutoa', password: 'mat-khau-moi-2027' }).expect(200);
  });

  it('shows the audit log to admins only, and the table refuses edits and deletes', async () => {
    const delegate = await loginAs(t, 'daibieu');
    expect(((await delegate.get('/api/audit').expect(403)).body as ErrorResponse).code).toBe('FORBIDDEN');
    const admin = await loginAs(t, 'quantri');
    const page = (await admin.get('/api/audit?action=auth.login&limit=5').expect(200)).body as AuditPageResponse;
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.length).toBeLessThanOrEqual(5);
    expect(page.total).toBeGreaterThanOrEqual(page.entries.length);
    await admin.get('/api/audit?limit=5000').expect(400);
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});

describe('auth: per-IP login limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '3' } });
  });
  afterAll(() => t.close());

  it('throttles an IP that fails on many accounts, but never counts successful logins', async () => {
    for (let i = 0; i < 5; i++) await loginAs(t, 'daibieu');
    const agent = await anonymousAgent(t);
    for (const username of ['a1', 'a2', 'a3']) {
      await agent.post('/api/auth/login').send({ username, password: 'x' }).expect(401);
    }
    const res = await agent.post('/api/auth/login').send({ username: 'a4', password: 'x' }).expect(429);
    expect((res.body as ErrorResponse).code).toBe('RATE_LIMITED');
    // Even the right password of an untouched account is refused from that IP until the window ends.
    await agent
      .post('/api/auth/login')
      .send({ username: 'thuky', password: await demoPassword(t, 'thuky') })
      .expect(429);
  });
});
