import type { HealthResponse } from '@app/shared';
import { createWorker } from 'mediasoup';
import request from 'supertest';

import { createTestApp, TestApp } from '../testing/test-app';

describe('real mediasoup worker pool: a killed worker is replaced', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { SEED_DEMO: 'false', MEDIA_WORKERS: '2', MEDIA_RTC_MIN_PORT: '42100', MEDIA_RTC_MAX_PORT: '42299' },
      createWorker,
    });
  });
  afterAll(() => t.close());

  const health = async () => (await request(t.app.getHttpServer()).get('/api/health')).body as HealthResponse;

  it('shows the new worker in /api/health after SIGKILL of a worker process', async () => {
    const before = await health();
    expect(before.status).toBe('ok');
    expect(before.mediaWorkers).toHaveLength(2);
    const victim = before.mediaWorkers[0].pid;
    expect(() => process.kill(victim, 0)).not.toThrow(); // a real, running process

    process.kill(victim, 'SIGKILL');

    const deadline = Date.now() + 10_000;
    let after = await health();
    while (Date.now() < deadline && !(after.status === 'ok' && after.mediaWorkers[0].pid !== victim)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await health();
    }
    expect(after.status).toBe('ok');
    expect(after.mediaWorkers[0]).toMatchObject({ alive: true, restarts: 1 });
    expect(after.mediaWorkers[0].pid).not.toBe(victim);
    expect(after.mediaWorkers[1]).toEqual(before.mediaWorkers[1]);
    expect(() => process.kill(victim, 0)).toThrow();
  }, 20_000);
});
