import type { HealthResponse } from '@app/shared';
import { expect, test } from '@playwright/test';

test('the running product reports its database and a live mediasoup worker', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const health = (await res.json()) as HealthResponse;
  expect(health.status).toBe('ok');
  expect(health.database.ok).toBe(true);
  expect(health.mediaWorkers).toHaveLength(1);
  expect(health.mediaWorkers[0].alive).toBe(true);
  expect(health.mediaWorkers[0].pid).toBeGreaterThan(0);
});

test('OpenAPI docs are served', async ({ page }) => {
  await page.goto('/api/docs');
  await expect(page.getByText('e-Cabinet API')).toBeVisible();
});
