import type { ClientToServerEvents, ErrorResponse, ServerToClientEvents } from '@app/shared';
import { io, Socket } from 'socket.io-client';

import { loginWithCookie } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';

function waitForEvent<T>(socket: Socket, event: string, timeoutMs = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe('socket.io system:ping', () => {
  let t: TestApp;
  let cookie: string;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    cookie = (await loginWithCookie(t, 'daibieu')).cookie;
  });
  beforeEach(async () => {
    socket = io(t.url, { transports: ['websocket'], forceNew: true, extraHeaders: { Cookie: cookie } });
    await waitForEvent(socket as unknown as Socket, 'connect');
  });
  afterEach(() => socket.disconnect());
  afterAll(() => t.close());

  it('acknowledges a valid ping with the server time', async () => {
    const sentAt = Date.now();
    const pong = await socket.timeout(2000).emitWithAck('system:ping', { sentAt });
    expect(pong.sentAt).toBe(sentAt);
    expect(pong.serverTime).toBeGreaterThanOrEqual(sentAt);
  });

  it('answers an invalid payload with an error event in the shared shape and stays connected', async () => {
    const error = waitForEvent<ErrorResponse>(socket as unknown as Socket, 'error');
    (socket as unknown as Socket).emit('system:ping', { sentAt: 'yesterday', extra: true });
    await expect(error).resolves.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ path: 'sentAt' })]),
    });
    expect(socket.connected).toBe(true);
    const pong = await socket.timeout(2000).emitWithAck('system:ping', { sentAt: 1 });
    expect(pong.sentAt).toBe(1);
  });
});

describe('socket.io handshake authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(() => t.close());

  function refusal(extraHeaders: Record<string, string>): Promise<Error & { data?: unknown }> {
    const socket = io(t.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders });
    return new Promise((resolve, reject) => {
      socket.on('connect', () => {
        socket.disconnect();
        reject(new Error('connected without a valid session'));
      });
      socket.on('connect_error', (error) => {
        socket.disconnect();
        resolve(error);
      });
    });
  }

  it('refuses a socket without a session with UNAUTHENTICATED', async () => {
    const error = await refusal({});
    expect(error.data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a forged session cookie', async () => {
    const error = await refusal({ Cookie: 'ecab_session=forged-token' });
    expect(error.data).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a valid session from another site (cross-site WebSocket hijacking)', async () => {
    const { cookie } = await loginWithCookie(t, 'daibieu');
    const error = await refusal({ Cookie: cookie, Origin: 'https://evil.example' });
    expect(error.data).toMatchObject({ code: 'FORBIDDEN' });
  });
});
