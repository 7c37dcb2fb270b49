import { GroupCommit, ItemOutcome } from './group-commit';

/** A flush that waits until released, recording each batch it was given. */
function controlledFlush() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const flush = async (items: number[]): Promise<ItemOutcome<string>[]> => {
    batches.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((item) =>
      item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: `stored ${item}` },
    );
  };
  const releaseNext = async () => {
    while (!releases.length) await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
  };
  return { batches, flush, releaseNext };
}

describe('GroupCommit', () => {
  it('flushes a lone item at once, and everything that arrived meanwhile in the next flush', async () => {
    const { batches, flush, releaseNext } = controlledFlush();
    const queue = new GroupCommit(flush);

    const first = queue.submit(1);
    const rest = [2, 3, 4].map((item) => queue.submit(item));
    expect(batches).toEqual([[1]]);
    await releaseNext();
    await expect(first).resolves.toBe('stored 1');
    await releaseNext();
    await expect(Promise.all(rest)).resolves.toEqual(['stored 2', 'stored 3', 'stored 4']);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(queue.idle).toBe(true);
  });

  it('answers each item with its own outcome: a bad one fails alone', async () => {
    const { flush, releaseNext } = controlledFlush();
    const queue = new GroupCommit(flush);
    const blocker = queue.submit(0);
    const results = [5, -1, 6].map((item) => queue.submit(item).then(String, (error: Error) => error.message));
    await releaseNext();
    await blocker;
    await releaseNext();
    await expect(Promise.all(results)).resolves.toEqual(['stored 5', 'bad -1', 'stored 6']);
  });

  it('fails every item of a batch whose flush throws, and goes on with the next batch', async () => {
    let calls = 0;
    const queue = new GroupCommit<number, number>(async (items) => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (calls === 2) throw new Error('disk full');
      return items.map((item) => ({ ok: true, value: item }));
    });
    const first = queue.submit(1);
    const failing = [2, 3].map((item) => queue.submit(item));
    await expect(first).resolves.toBe(1);
    for (const item of failing) await expect(item).rejects.toThrow('disk full');
    await expect(queue.submit(4)).resolves.toBe(4);
  });

  it('caps a batch and tells when everything submitted so far is answered', async () => {
    const { batches, flush, releaseNext } = controlledFlush();
    const queue = new GroupCommit(flush, 2);
    const answered: number[] = [];
    for (const item of [1, 2, 3, 4, 5]) void queue.submit(item).then(() => answered.push(item));
    const settled = queue.settled().then(() => [...answered]);
    for (let i = 0; i < 3; i++) await releaseNext();
    await expect(settled).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });
});
