import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@app/shared';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

import { DemoSeedService } from '../seed/demo-seed.service';
import type { TestApp } from './test-app';

/** The seeded demo password of an account (random per test app). */
export async function demoPassword(t: TestApp, username: string): Promise<string> {
  const credential = (await t.app.get(DemoSeedService).readCredentials()).find((c) => c.username === username);
  if (!credential) throw new Error(`no demo account ${username}`);
  return credential.password;
}

/** The Set-Cookie headers of a response. */
export function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const value = res.headers['set-cookie'];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
}

/** A supertest agent that holds the XSRF cookie and sends it back as the header, as Angular does. */
export async function anonymousAgent(t: TestApp): Promise<TestAgent> {
  const agent = request.agent(t.app.getHttpServer());
  const res = await agent.get('/api/health');
  const cookie = setCookies(res).find((c) => c.startsWith(`${XSRF_COOKIE}=`));
  if (!cookie) throw new Error('no XSRF cookie set');
  agent.set(XSRF_HEADER, decodeURIComponent(cookie.split(';')[0].slice(XSRF_COOKIE.length + 1)));
  return agent;
}

/** An agent logged in as a demo account (session cookie + XSRF header). */
export async function loginAs(t: TestApp, username: string): Promise<TestAgent> {
  return (await loginWithCookie(t, username)).agent;
}

/** Logs in and also returns the `Cookie` header value, e.g. for a socket.io handshake. */
export async function loginWithCookie(t: TestApp, username: string): Promise<{ agent: TestAgent; cookie: string }> {
  const agent = await anonymousAgent(t);
  const res = await agent
    .post('/api/auth/login')
    .send({ username, password: await demoPassword(t, username) })
    .expect(200);
  const session = setCookies(res).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error('no session cookie');
  return { agent, cookie: session.split(';')[0] };
}
