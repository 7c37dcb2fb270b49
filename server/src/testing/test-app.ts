import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { AppModule } from '../app.module';
import { setupApp } from '../app.setup';
import { AppConfig, loadConfig } from '../config/app-config';
import { CREATE_MEDIA_WORKER, CreateMediaWorker } from '../media/media-worker-pool';
import { fakeWorkerFactory } from './fake-media-worker';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** Base URL once `listen` was asked for, e.g. for socket.io clients. */
  url: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to fake workers; pass mediasoup's createWorker to test real media. */
  createWorker?: CreateMediaWorker;
  listen?: boolean;
}

/** The real AppModule on `:memory:` sqlite and a throw-away data dir. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e-cabinet-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_FILE: ':memory:',
    CLIENT_DIST_DIR: join(dataDir, 'no-client'),
    LOG_LEVEL: 'silent',
    MEDIA_WORKERS: '1',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CREATE_MEDIA_WORKER)
    .useValue(options.createWorker ?? fakeWorkerFactory())
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupApp(app);
  if (options.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  const url = options.listen ? await app.getUrl() : '';
  return {
    app,
    config,
    url: url.replace('[::1]', '127.0.0.1'),
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
