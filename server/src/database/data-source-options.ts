import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { DataSourceOptions } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { entities } from './entities';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { AuthAudit1763900000000 } from './migrations/1763900000000-auth-audit';
import { Documents1764000000000 } from './migrations/1764000000000-documents';
import { MeetingsManagement1764100000000 } from './migrations/1764100000000-meetings-management';
import { DocumentFastOpen1764200000000 } from './migrations/1764200000000-document-fast-open';
import { LiveSession1764300000000 } from './migrations/1764300000000-live-session';
import { LiveAttendance1764310000000 } from './migrations/1764310000000-live-attendance';
import { SpeakersConclusions1764320000000 } from './migrations/1764320000000-speakers-conclusions';
import { Polls1764330000000 } from './migrations/1764330000000-polls';
import { MinutesSatisfaction1764340000000 } from './migrations/1764340000000-minutes-satisfaction';
import { ConferenceReadiness1764400000000 } from './migrations/1764400000000-conference-readiness';
import { ConferenceRecordings1764410000000 } from './migrations/1764410000000-conference-recordings';
import { ConferenceRemovals1764420000000 } from './migrations/1764420000000-conference-removals';

/** Migrations in order; listed explicitly so the bundle carries them. */
export const migrations = [
  Initial1763800000000,
  AuthAudit1763900000000,
  Documents1764000000000,
  MeetingsManagement1764100000000,
  DocumentFastOpen1764200000000,
  LiveSession1764300000000,
  LiveAttendance1764310000000,
  SpeakersConclusions1764320000000,
  Polls1764330000000,
  MinutesSatisfaction1764340000000,
  ConferenceReadiness1764400000000,
  ConferenceRecordings1764410000000,
  ConferenceRemovals1764420000000,
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
