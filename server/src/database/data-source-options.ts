import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { DataSourceOptions } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { entities } from './entities';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { AuthAudit1763900000000 } from './migrations/1763900000000-auth-audit';
import { Documents1764000000000 } from './migrations/1764000000000-documents';
import { MeetingsManagement1764100000000 } from './migrations/1764100000000-meetings-management';

/** Migrations in order; listed explicitly so the bundle carries them. */
export const migrations = [
  Initial1763800000000,
  AuthAudit1763900000000,
  Documents1764000000000,
  MeetingsManagement1764100000000,
];

/** sqlite in WAL mode; the schema only ever changes through migrations, applied at boot. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  if (config.databaseFile !== ':memory:') mkdirSync(dirname(config.databaseFile), { recursive: true });
  return {
    type: 'sqlite',
    database: config.databaseFile,
    entities,
    migrations,
    migrationsRun: true,
    synchronize: false,
    enableWAL: config.databaseFile !== ':memory:',
    busyTimeout: 5000,
  };
}
