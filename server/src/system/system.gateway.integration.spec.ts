import type { ClientToServerEvents, ErrorResponse, ServerToClientEvents } from '@app/shared';
import { io, Socket } from 'socket.io-client';

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
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  beforeAll(async () => {
    t = await createTestApp({ env: { SEED_DEMO: 'false' }, listen: true });
  });
  beforeEach(async () => {
    socket = io(t.url, { transports: ['websocket'], forceNew: true });
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
