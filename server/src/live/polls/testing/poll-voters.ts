import { randomBytes } from 'node:crypto';

import { LIVE_NAMESPACE, LiveClientEvents, LiveServerEvents, SESSION_COOKIE } from '@app/shared';
import { io, Socket } from 'socket.io-client';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { hashToken } from '../../../auth/auth.service';
import { Session } from '../../../auth/session.entity';
import { User } from '../../../people/user.entity';
import type { TestApp } from '../../../testing/test-app';
import { LiveTestClient } from '../../testing/live-fixtures';

export interface SeededVoter {
  username: string;
  participantId: string;
  /** `Cookie` header value of a session made for this voter (no password login: argon2 is slow). */
  cookie: string;
}

/**
 * `count` delegates of the district, added to a meeting that is still in preparation, each with a
 * session of their own. The accounts cannot log in with a password.
 */
export async function seedVoters(t: TestApp, secretary: TestAgent, meetingId: string, count: number) {
  const dataSource = t.app.get(DataSource);
  const users = dataSource.getRepository(User);
  const { unitId } = await users.findOneByOrFail({ username: 'daibieu' });
  const voters: SeededVoter[] = [];
  for (let i = 1; i <= count; i++) {
    const username = `bq.${meetingId.slice(0, 8)}.${i}`;
    const user = await users.save(
      users.create({ username, displayName: `Đại biểu ${i}`, passwordHash: 'not-a-login', role: 'delegate', unitId }),
    );
    const res = await secretary.post(`/api/meetings/${meetingId}/participants`).send({ userId: user.id }).expect(201);
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + 3_600_000);
    await dataSource
      .getRepository(Session)
      .insert({ tokenHash: hashToken(token), userId: user.id, expiresAt: expires, absoluteExpiresAt: expires });
    voters.push({ username, participantId: (res.body as { id: string }).id, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return voters;
}

/** A live-namespace client for a session cookie. */
export async function connectWithCookie(t: TestApp, cookie: string): Promise<LiveTestClient> {
  const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${t.url}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: { Cookie: cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return new LiveTestClient(socket);
}
