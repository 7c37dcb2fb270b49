import type { DataSource } from 'typeorm';

import { withExclusiveAccess } from './serialized-access';

/**
 * Runs `work` (one transaction) with synchronous=FULL: its COMMIT returns only once the WAL is on
 * disk, so what it wrote survives a power cut, not only a crash. sqlite refuses to change the
 * level inside a transaction, hence before and after it, holding the connection throughout.
 */
export function withDurableCommit<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  return withExclusiveAccess(dataSource, async () => {
    await dataSource.query('PRAGMA synchronous = FULL');
    try {
      return await work();
    } finally {
      await dataSource.query('PRAGMA synchronous = NORMAL');
    }
  });
}
