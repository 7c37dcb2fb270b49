import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

import { bool, cleanEnv, host, num, port, str } from 'envalid';

/**
 * The one typed configuration object, read from the environment once and validated at boot.
 * Defaults make `npm start` work on a fresh clone; any bad variable stops the boot with its name.
 */
export abstract class AppConfig {
  abstract readonly env: 'development' | 'production' | 'test';
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly dataDir: string;
  abstract readonly databaseFile: string;
  abstract readonly documentsDir: string;
  abstract readonly clientDistDir: string;
  abstract readonly seedDemo: boolean;
  abstract readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  abstract readonly media: {
    readonly workers: number;
    readonly rtcMinPort: number;
    readonly rtcMaxPort: number;
    readonly logLevel: 'debug' | 'warn' | 'error' | 'none';
  };
}

export class InvalidConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = cleanEnv(
    source,
    {
      NODE_ENV: str({ choices: ['development', 'production', 'test'], default: 'development' }),
      HOST: host({ default: '127.0.0.1' }),
      PORT: port({ default: 3000 }),
      DATA_DIR: str({ default: 'data', desc: 'Folder for the sqlite file and stored documents' }),
      DATABASE_FILE: str({
        default: '',
        desc: 'sqlite file; `:memory:` in tests; default <DATA_DIR>/e-cabinet.sqlite',
      }),
      CLIENT_DIST_DIR: str({ default: 'dist/client/browser' }),
      SEED_DEMO: bool({ default: true }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      MEDIA_WORKERS: num({ default: availableParallelism(), desc: 'mediasoup workers (one per core)' }),
      MEDIA_RTC_MIN_PORT: port({ default: 40000 }),
      MEDIA_RTC_MAX_PORT: port({ default: 49999 }),
      MEDIA_LOG_LEVEL: str({ choices: ['debug', 'warn', 'error', 'none'], default: 'warn' }),
    },
    {
      reporter: ({ errors }) => {
        const bad = Object.entries(errors).map(([name, error]) => `${name} (${(error as Error).message})`);
        if (bad.length) throw new InvalidConfigError(`Invalid environment variables: ${bad.join(', ')}`);
      },
    },
  );
  if (!Number.isInteger(env.MEDIA_WORKERS) || env.MEDIA_WORKERS < 1 || env.MEDIA_WORKERS > 64) {
    throw new InvalidConfigError('Invalid environment variables: MEDIA_WORKERS (must be an integer from 1 to 64)');
  }
  if (env.MEDIA_RTC_MAX_PORT - env.MEDIA_RTC_MIN_PORT + 1 < env.MEDIA_WORKERS * 10) {
    throw new InvalidConfigError(
      'Invalid environment variables: MEDIA_RTC_MAX_PORT (range from MEDIA_RTC_MIN_PORT too small for MEDIA_WORKERS)',
    );
  }
  const dataDir = resolve(env.DATA_DIR);
  const databaseFile = env.DATABASE_FILE || join(dataDir, 'e-cabinet.sqlite');
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    databaseFile: databaseFile === ':memory:' || isAbsolute(databaseFile) ? databaseFile : resolve(databaseFile),
    documentsDir: join(dataDir, 'documents'),
    clientDistDir: resolve(env.CLIENT_DIST_DIR),
    seedDemo: env.SEED_DEMO,
    logLevel: env.LOG_LEVEL as AppConfig['logLevel'],
    media: {
      workers: env.MEDIA_WORKERS,
      rtcMinPort: env.MEDIA_RTC_MIN_PORT,
      rtcMaxPort: env.MEDIA_RTC_MAX_PORT,
      logLevel: env.MEDIA_LOG_LEVEL as AppConfig['media']['logLevel'],
    },
  };
}
