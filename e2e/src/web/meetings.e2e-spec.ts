import type { MeetingResponse } from '@app/shared';
import { expect, Page, test } from '@playwright/test';

import { demoAccount, logInAs } from '../fixtures/demo-accounts';

const SEEDED_TITLE = 'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX';

async function seededMeeting(page: Page): Promise<MeetingResponse> {
  const res = await page.request.get('/api/meetings');
  const meetings = (await res.json()) as MeetingResponse[];
  const seeded = meetings.find((meeting) => meeting.title === SEEDED_TITLE);
  if (!seeded) throw new Error('the seeded meeting is missing');
  return seeded;
}

test.describe('meetings on a 10-inch tablet', () => {
  test.beforeEach(async ({ page }) => {
    // A fresh language choice per test, but kept across reloads within it.
    await page.addInitScript(() => {
      if (!window.sessionStorage.getItem('e2e-fresh')) {
        window.localStorage.clear();
        window.sessionStorage.setItem('e2e-fresh', '1');
      }
    });
    // Every page needs a login now; other specs may add meetings, so cards are found by title.
    await logInAs(page, 'daibieu');
  });

  test('shows the seeded meeting in Vietnamese by default', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/meetings$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('heading', { name: 'Cuộc họp', level: 1 })).toBeVisible();

    const upcoming = page.getByTestId('meetings-upcoming');
    await expect(upcoming).toContainText('Sắp diễn ra');
    const card = upcoming.getByTestId('meeting-card').filter({ hasText: SEEDED_TITLE });
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('meeting-title')).toHaveText(SEEDED_TITLE);
    await expect(card.getByTestId('meeting-status')).toHaveText('Đã lên lịch');
    await expect(card.getByTestId('meeting-mode')).toHaveText('Kết hợp');
    await expect(card.getByTestId('meeting-place')).toHaveText('Hội trường tầng 3, UBND huyện Sông Lam');
    await expect(card.getByTestId('meeting-organiser')).toHaveText('Huyện Sông Lam');
    await expect(card.getByTestId('meeting-agenda-count')).toHaveText('3');
    await expect(card.getByTestId('meeting-document-count')).toHaveText('2');
    // The time shown is the meeting's real start, 08:00 in Hanoi.
    const meeting = await seededMeeting(page);
    await expect(card.getByTestId('meeting-date')).toHaveAttribute('datetime', meeting.startsAt);
    await expect(card.getByTestId('meeting-hours')).toContainText('08:00');
  });

  test('switches to English by touch and keeps the choice after a reload', async ({ page }) => {
    await page.goto('/meetings');
    await page.getByTestId('language-en').tap();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible();
    const card = page.getByTestId('meeting-card').filter({ hasText: SEEDED_TITLE });
    await expect(card.getByTestId('meeting-status')).toHaveText('Scheduled');
    await page.reload();
    await expect(card.getByTestId('meeting-mode')).toHaveText('Hybrid');
    await page.getByTestId('language-vi').tap();
    await expect(card.getByTestId('meeting-mode')).toHaveText('Kết hợp');
  });

  test('language buttons are large enough to touch and reachable by keyboard', async ({ page }) => {
    await page.goto('/meetings');
    await expect(page.getByTestId('meeting-card').filter({ hasText: SEEDED_TITLE })).toBeVisible();
    for (const id of ['language-vi', 'language-en']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(48);
      expect(box?.width).toBeGreaterThanOrEqual(48);
    }
    await page.getByTestId('language-en').locator('button').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('fits a portrait tablet without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto('/meetings');
    await expect(page.getByTestId('meeting-title').filter({ hasText: SEEDED_TITLE })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('opens the meeting page and the reader from the card, and fits a portrait tablet there too', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto('/meetings');
    await page.getByTestId('meeting-title').filter({ hasText: SEEDED_TITLE }).tap();
    await expect(page.getByTestId('meeting-page-title')).toHaveText(SEEDED_TITLE);
    await expect(page.getByTestId('agenda-item')).toHaveCount(3);
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByTestId('document-open').first().tap();
    await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('turns pages with a swipe and zooms with two fingers in the reader', async ({ page }) => {
    await page.goto('/meetings');
    await page.getByTestId('meeting-title').filter({ hasText: SEEDED_TITLE }).tap();
    await page.getByTestId('document-open').first().tap();
    await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('reader-page-count')).toHaveText('/ 4');
    const box = await page.getByTestId('pdf-container').boundingBox();
    if (!box) throw new Error('no reader');
    const y = box.y + box.height / 2;
    const touch = await page.context().newCDPSession(page);
    const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number; id: number }[]) =>
      touch.send('Input.dispatchTouchEvent', { type, touchPoints: points });

    async function swipe(fromX: number, toX: number): Promise<void> {
      await send('touchStart', [{ x: fromX, y, id: 1 }]);
      for (let step = 1; step <= 6; step++) {
        await send('touchMove', [{ x: fromX + ((toX - fromX) * step) / 6, y, id: 1 }]);
      }
      await send('touchEnd', []);
    }

    await swipe(box.x + box.width * 0.8, box.x + box.width * 0.2);
    await expect(page.getByTestId('reader-page-input')).toHaveValue('2');
    await swipe(box.x + box.width * 0.8, box.x + box.width * 0.2);
    await expect(page.getByTestId('reader-page-input')).toHaveValue('3');
    await swipe(box.x + box.width * 0.2, box.x + box.width * 0.8);
    await expect(page.getByTestId('reader-page-input')).toHaveValue('2');

    const before = Number.parseInt((await page.getByTestId('reader-zoom').textContent()) ?? '0', 10);
    const cx = box.x + box.width / 2;
    await send('touchStart', [
      { x: cx - 50, y, id: 1 },
      { x: cx + 50, y, id: 2 },
    ]);
    for (let step = 1; step <= 6; step++) {
      await send('touchMove', [
        { x: cx - 50 - step * 20, y, id: 1 },
        { x: cx + 50 + step * 20, y, id: 2 },
      ]);
    }
    await send('touchEnd', []);
    await expect
      .poll(async () => Number.parseInt((await page.getByTestId('reader-zoom').textContent()) ?? '0', 10))
      .toBeGreaterThan(before * 1.5);
    // Still on the same page: a pinch is never taken for a swipe.
    await expect(page.getByTestId('reader-page-input')).toHaveValue('2');
  });
});

test.describe('login', () => {
  test('sends a visitor to the login page and back to where they were going', async ({ page }) => {
    await page.goto('/meetings');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fmeetings$/);
    await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 1 })).toBeVisible();
    await page.getByTestId('login-username').fill('daibieu');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').tap();
    await expect(page.getByTestId('login-error')).toHaveText('Sai tên đăng nhập hoặc mật khẩu');
    await page.getByTestId('login-password').fill(demoAccount('daibieu').password);
    await page.getByTestId('login-submit').tap();
    await expect(page).toHaveURL(/\/meetings$/);
    await page.getByTestId('user-menu').tap();
    await page.getByTestId('user-logout').tap();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/meetings');
    await expect(page).toHaveURL(/\/login/);
  });
});
