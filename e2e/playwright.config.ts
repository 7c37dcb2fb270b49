import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import { E2E_DATA_DIR } from './src/fixtures/e2e-paths';

/**
 * e2e against the real built product (dist/), started on its own port with a fresh data dir and
 * the seeded demo, in Debian's chromium. Build first: `nx run-many -t build -p client server`.
 */
const root = join(__dirname, '..');
const port = Number(process.env['E2E_PORT'] ?? 3100);
// Specs read the seeded demo-accounts.json from here too.
const dataDir = E2E_DATA_DIR;
// Workers load this file again: only the runner, before it starts the server, may empty the data dir.
if (!process.env['TEST_WORKER_INDEX']) {
  rmSync(dataDir, { recursive: true, force: true });
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e-spec.ts',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: join(root, 'reports', 'playwright.json') }]],
  outputDir: join(root, 'tmp', 'e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'tablet-chromium',
      use: {
        ...devices['Desktop Chrome'],
        // A 10-inch tablet in landscape, with touch.
        viewport: { width: 1280, height: 800 },
        hasTouch: true,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs },
      },
    },
  ],
  webServer: {
    command: 'node dist/server/main.js',
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      MEDIA_WORKERS: '1',
      MEDIA_RTC_MIN_PORT: '41000',
      MEDIA_RTC_MAX_PORT: '41999',
      // The video bridge's WebRtcServer: loopback, on a port of its own (not a dev server's default 44444).
      MEDIA_LISTEN_IP: '127.0.0.1',
      MEDIA_WEBRTC_PORT: process.env['E2E_WEBRTC_PORT'] ?? '42444',
      LOG_LEVEL: 'warn',
    },
  },
});
