import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';

import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { loadConfig } from './config/app-config';
import { DemoSeedService } from './seed/demo-seed.service';
import { printDemoAccounts } from './seed/print-demo-accounts';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  setupApp(app);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  if (config.seedDemo) printDemoAccounts(await app.get(DemoSeedService).readCredentials(), url);
  else process.stdout.write(`e-Cabinet is running on ${url}\n`);
}

bootstrap().catch((error: unknown) => {
  // Before the logger exists (e.g. a bad environment variable): say what is wrong and stop.
  process.stderr.write(`e-Cabinet failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
