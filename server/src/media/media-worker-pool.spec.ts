import { loadConfig } from '../config/app-config';
import { FakeMediaWorker, fakeWorkerFactory } from '../testing/fake-media-worker';
import { MediaWorkerPool } from './media-worker-pool';

describe('MediaWorkerPool (fake workers)', () => {
  let created: FakeMediaWorker[];
  let pool: MediaWorkerPool;

  beforeEach(async () => {
    created = [];
    pool = new MediaWorkerPool(loadConfig({ MEDIA_WORKERS: '3' }), fakeWorkerFactory(created));
    await pool.onModuleInit();
  });
  afterEach(() => pool.onModuleDestroy());

  it('starts one worker per configured slot and hands them out round-robin', () => {
    expect(created).toHaveLength(3);
    const handed = [1, 2, 3, 4].map(() => (pool.nextWorker() as unknown as FakeMediaWorker).pid);
    expect(handed).toEqual([created[0].pid, created[1].pid, created[2].pid, created[0].pid]);
  });

  it('replaces a dead worker in its slot and skips it meanwhile', async () => {
    created[1].die();
    await new Promise((resolve) => setImmediate(resolve));
    expect(created).toHaveLength(4);
    const health = pool.health();
    expect(health[1]).toEqual({ pid: created[3].pid, alive: true, restarts: 1 });
    expect(health.every((w) => w.alive)).toBe(true);
  });

  it('closes every worker on shutdown and does not replace them', async () => {
    await pool.onModuleDestroy();
    expect(created.every((w) => w.closed)).toBe(true);
    created[0].die();
    await new Promise((resolve) => setImmediate(resolve));
    expect(created).toHaveLength(3);
  });
});
