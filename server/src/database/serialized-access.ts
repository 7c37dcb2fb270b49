import { AsyncLocalStorage } from 'node:async_hooks';

import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

interface Holder {
  active: boolean;
}

type AnyAsync = (...args: unknown[]) => Promise<unknown>;
type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

const exclusives = new WeakMap<DataSource, Exclusive>();

/**
 * Runs `work` holding the connection: statements around a transaction (e.g. a PRAGMA before and
 * after it) run with nothing of anyone else's in between.
 */
export function withExclusiveAccess<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const exclusive = exclusives.get(dataSource);
  if (!exclusive) throw new Error('serializeSqliteAccess was not applied to this DataSource');
  return exclusive(work);
}

/**
 * TypeORM's sqlite driver runs everything on ONE connection (one QueryRunner). Two requests whose
 * transactions overlap interleave on it: the second BEGIN fails, and a rollback undoes the other
 * request's work. This serialises access instead: a transaction (explicit, or the implicit one of
 * `save`/`remove`) holds a lock for its whole callback, and a statement outside any transaction
 * waits for it. Code running inside the callback (tracked with AsyncLocalStorage) goes straight
 * through; nested transactions stay savepoints. sqlite executes one statement at a time anyway,
 * so little is lost; WAL readers in other processes are not affected.
 */
export function serializeSqliteAccess(dataSource: DataSource): void {
  const holder = new AsyncLocalStorage<Holder>();
  let tail: Promise<void> = Promise.resolve();

  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = tail.then(() => release);
    tail = tail.then(() => released);
    return acquired;
  };

  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    // A job started inside a finished transaction keeps its async context: `active` tells them apart.
    if (holder.getStore()?.active) return work();
    const release = await acquire();
    const mine: Holder = { active: true };
    try {
      return await holder.run(mine, work);
    } finally {
      mine.active = false;
      release();
    }
  };

  exclusives.set(dataSource, exclusive);
  const manager = dataSource.manager as EntityManager & Record<string, AnyAsync>;
  for (const method of ['transaction', 'save', 'remove', 'softRemove', 'recover']) {
    const original = (manager[method] as AnyAsync).bind(manager);
    manager[method] = (...args: unknown[]) => exclusive(() => original(...args));
  }
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as AnyAsync;
  runner.query = ((...args: unknown[]) => exclusive(() => query(...args))) as QueryRunner['query'];
}
