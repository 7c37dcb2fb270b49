import { IngestQueue } from './ingest-queue';

describe('IngestQueue', () => {
  it('runs up to `size` jobs and starts the waiting ones in arrival order', async () => {
    const queue = new IngestQueue(1);
    const started: string[] = [];
    const releaseA = await queue.acquire();
    const b = queue.acquire().then((release) => (started.push('b'), release));
    const c = queue.acquire().then((release) => (started.push('c'), release));
    await Promise.resolve();
    expect(started).toEqual([]);
    releaseA();
    releaseA(); // twice: must not free a second slot
    const releaseB = await b;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['b']);
    releaseB();
    (await c)();
    expect(started).toEqual(['b', 'c']);
  });

  it('drops a waiting job whose signal aborts, without taking a slot', async () => {
    const queue = new IngestQueue(1);
    const release = await queue.acquire();
    const controller = new AbortController();
    const waiting = queue.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    release();
    const next = await queue.acquire();
    expect(typeof next).toBe('function');
  });
});
