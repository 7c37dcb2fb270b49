import type { types as ms } from 'mediasoup';

import { loadConfig } from '../config/app-config';
import { FakeMediaWorker, fakeWorkerFactory } from '../testing/fake-media-worker';
import { CreateMediaWorker, MediaWorkerPool } from './media-worker-pool';

type ServerOptions = ms.WebRtcServerOptions;

/** Fake workers that also open (fake) WebRtcServers, refusing a port listed in `taken`. */
function withWebRtcServers(created: FakeMediaWorker[], opened: ServerOptions[], taken: number[] = []) {
  const base = fakeWorkerFactory(created);
  const factory: CreateMediaWorker = async (settings) => {
    const worker = await base(settings);
    Object.assign(worker, {
      createWebRtcServer: async (options: ServerOptions) => {
        const port = options.listenInfos[0].port ?? 0;
        if (taken.includes(port)) throw new Error(`port ${port} in use`);
        opened.push(options);
        return { id: `server-${port}`, port } as unknown as ms.WebRtcServer;
      },
    });
    return worker;
  };
  return factory;
}

describe('MediaWorkerPool (fake workers)', () => {
  let created: FakeMediaWorker[];
  let opened: ServerOptions[];
  let pool: MediaWorkerPool;

  beforeEach(async () => {
    created = [];
    opened = [];
    pool = new MediaWorkerPool(loadConfig({ MEDIA_WORKERS: '3' }), withWebRtcServers(created, opened));
    await pool.onModuleInit();
  });
  afterEach(() => pool.onModuleDestroy());

  it('starts one worker per configured slot and hands them out round-robin', () => {
    expect(created).toHaveLength(3);
    const handed = [1, 2, 3, 4].map(() => (pool.nextWorker() as unknown as FakeMediaWorker).pid);
    expect(handed).toEqual([created[0].pid, created[1].pid, created[2].pid, created[0].pid]);
  });

  it('opens one WebRtcServer per worker, UDP and TCP on MEDIA_WEBRTC_PORT + slot, and hands it out with it', () => {
    expect(opened.map((options) => options.listenInfos)).toEqual(
      [44444, 44445, 44446].map((port) => [
        { protocol: 'udp', ip: '127.0.0.1', port },
        { protocol: 'tcp', ip: '127.0.0.1', port },
      ]),
    );
    const hosts = [1, 2, 3].map(() => pool.nextHost());
    expect(hosts.map((host) => (host.webRtcServer as unknown as { port: number }).port)).toEqual([44444, 44445, 44446]);
  });

  it('replaces a dead worker in its slot, with a new WebRtcServer on the same port, and skips it meanwhile', async () => {
    created[1].die();
    await new Promise((resolve) => setImmediate(resolve));
    expect(created).toHaveLength(4);
    const health = pool.health();
    expect(health[1]).toEqual({ pid: created[3].pid, alive: true, restarts: 1 });
    expect(health.every((w) => w.alive)).toBe(true);
    expect(opened.at(-1)?.listenInfos[0].port).toBe(44445);
    const hosts = [1, 2, 3].map(() => pool.nextHost());
    expect(hosts.find((host) => host.worker === (created[3] as unknown as ms.Worker))?.webRtcServer).toMatchObject({
      port: 44445,
    });
  });

  it('closes every worker on shutdown and does not replace them', async () => {
    await pool.onModuleDestroy();
    expect(created.every((w) => w.closed)).toBe(true);
    created[0].die();
    await new Promise((resolve) => setImmediate(resolve));
    expect(created).toHaveLength(3);
  });
});

describe('MediaWorkerPool when a WebRTC port is taken', () => {
  it('keeps the worker, without a WebRtcServer: its transports fall back to its port range', async () => {
    const created: FakeMediaWorker[] = [];
    const config = loadConfig({ MEDIA_WORKERS: '2', MEDIA_WEBRTC_PORT: '45000' });
    const pool = new MediaWorkerPool(config, withWebRtcServers(created, [], [45001]));
    await pool.onModuleInit();
    const [first, second] = [pool.nextHost(), pool.nextHost()];
    expect(first.webRtcServer).toMatchObject({ port: 45000 });
    expect(second.worker).toBe(created[1]);
    expect(second.webRtcServer).toBeNull();
    await pool.onModuleDestroy();
  });

  it('waits for a replacement when every worker is down, then fails with UNAVAILABLE', async () => {
    const created: FakeMediaWorker[] = [];
    const pool = new MediaWorkerPool(loadConfig({ MEDIA_WORKERS: '1' }), withWebRtcServers(created, []));
    await pool.onModuleInit();
    created[0].died = true; // dead, not yet noticed: nothing to hand out
    await expect(pool.acquireHost(300)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await pool.onModuleDestroy();
  });
});
