import type { HealthResponse } from '@app/shared';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { FakeMediaWorker, fakeWorkerFactory } from '../testing/fake-media-worker';
import { createTestApp, TestApp } from '../testing/test-app';

describe('GET /api/health', () => {
  let t: TestApp;
  const workers: FakeMediaWorker[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { SEED_DEMO: 'false', MEDIA_WORKERS: '2' },
      createWorker: fakeWorkerFactory(workers),
    });
  });
  afterAll(() => t.close());

  it('reports ok with the database and every worker', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/health').expect(200);
    const body = res.body as HealthResponse;
    expect(body.status).toBe('ok');
    expect(body.database.ok).toBe(true);
    expect(body.mediaWorkers.map((w) => w.pid)).toEqual(workers.map((w) => w.pid));
  });

  it('reports 503 degraded when the database is unreachable', async () => {
    const db = t.app.get(DataSource);
    const query = jest.spyOn(db, 'query').mockRejectedValueOnce(new Error('SQLITE_BUSY'));
    const res = await request(t.app.getHttpServer()).get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: { ok: false } });
    query.mockRestore();
  });
});
