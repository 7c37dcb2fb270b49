import type { MeetingResponse } from '@app/shared';
import { expect, Page, test } from '@playwright/test';

const SEEDED_TITLE = 'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX';

async function seededMeeting(page: Page): Promise<MeetingResponse> {
  const res = await page.request.get('/api/meetings');
  const meetings = (await res.json()) as MeetingResponse[];
  return meetings[0];
}

test.describe('meetings on a 10-inch tablet', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => window.localStorage.clear());
  });

  test('shows the seeded meeting in Vietnamese by default', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/meetings$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('heading', { name: 'Cuộc họp', level: 1 })).toBeVisible();

    const upcoming = page.getByTestId('meetings-upcoming');
    await expect(upcoming).toContainText('Sắp diễn ra');
    const card = upcoming.getByTestId('meeting-card');
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
    await expect(page.getByTestId('meeting-status')).toHaveText('Scheduled');
    await page.reload();
    await expect(page.getByTestId('meeting-mode')).toHaveText('Hybrid');
    await page.getByTestId('language-vi').tap();
    await expect(page.getByTestId('meeting-mode')).toHaveText('Kết hợp');
  });

  test('language buttons are large enough to touch and reachable by keyboard', async ({ page }) => {
    await page.goto('/meetings');
    await expect(page.getByTestId('meeting-card')).toBeVisible();
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
    await expect(page.getByTestId('meeting-title')).toHaveText(SEEDED_TITLE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
