import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import type { DocumentDetailResponse } from '@app/shared';
import { BrowserContext, expect, Locator, Page, test } from '@playwright/test';

import { ApiSession } from '../fixtures/api-session';
import { demoAccount } from '../fixtures/demo-accounts';
import { makePdf } from '../fixtures/documents';
import { createMeetingWith, startMeeting, tablet } from '../fixtures/meeting-scene';

/**
 * A live session on three 10-inch tablets (issue 4): the chair and two delegates, each in their own
 * browser context. The secretary prepares the meeting by API; then, in the UI, the delegates check in
 * and the chair sees the quorum reached; the chair presents a document and both readers follow
 * (one reads freely for a while, then comes back); a delegate asks for the floor, the chair gives it
 * and the timer runs; a secret poll is opened, both delegates vote, the chair's tally counts them as
 * they come and the result is published to both; the meeting is closed and the minutes, generated
 * from it, come out as a PDF.
 */
const stamp = Date.now().toString(36);
const TITLE = `Phiên họp trực tuyến thử nghiệm (${stamp})`;
const DOC_TITLE = 'Tờ trình dự toán ngân sách năm 2027';
const QUESTION = `Thông qua dự toán ngân sách năm 2027 (${stamp})?`;

/** From the meeting page, by its "join the live session" link. */
async function openLive(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await page.getByTestId('meeting-live-link').tap();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/live$`));
  await expect(page.getByTestId('live-connection')).toHaveAttribute('data-connected', 'true');
}

async function expectQuorum(page: Page, present: number, required: number, reached: boolean): Promise<void> {
  const quorum = page.getByTestId('live-quorum');
  await expect(quorum).toHaveAttribute('data-present', String(present));
  await expect(quorum).toHaveAttribute('data-required', String(required));
  await expect(quorum).toHaveAttribute('data-reached', String(reached));
}

const pageInput = (page: Page): Locator => page.getByTestId('reader-page-input');

/** `m:ss` (or `h:mm:ss`) in seconds. */
function seconds(text: string | null): number {
  return (text ?? '')
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

async function vote(page: Page, choice: string): Promise<void> {
  const ballot = page.getByTestId('live-ballot');
  await expect(page.getByTestId('live-ballot-question')).toHaveText(QUESTION);
  await ballot.locator(`[data-testid="live-ballot-option"][data-key="${choice}"]`).tap();
  await ballot.getByTestId('live-submit-ballot').tap();
  await ballot.getByTestId('live-confirm-ballot').tap();
  await expect(ballot.getByTestId('live-ballot-voted')).toBeVisible();
}

test('a live session: check-in and quorum, following the presenter, the floor, a secret poll, minutes as PDF', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);

  // The scene, by API as the secretary: a live meeting with a chair, two delegates and a 4-page PDF.
  const secretary = await ApiSession.logIn(request, 'thuky');
  const { meetingId } = await createMeetingWith(secretary, {
    title: TITLE,
    mode: 'in_person',
    participants: [
      ['chutoa', 'chair'],
      ['daibieu', 'delegate'],
      ['daibieu2', 'delegate'],
    ],
  });
  const pdf = await makePdf({
    title: DOC_TITLE,
    pages: [
      'Căn cứ Luật Ngân sách nhà nước.',
      'Tổng thu ngân sách xã dự kiến tăng 8%.',
      'Chi đầu tư công ưu tiên trường học.',
      'Đề nghị Hội đồng nhân dân xem xét, quyết định.',
    ],
  });
  const document = await secretary.upload<DocumentDetailResponse>(
    `/api/meetings/${meetingId}/documents`,
    { name: 'to-trinh-du-toan.pdf', mimeType: 'application/pdf', buffer: pdf },
    { title: DOC_TITLE },
  );
  await expect
    .poll(
      async () =>
        (await secretary.call<DocumentDetailResponse>('GET', `/api/meetings/${meetingId}/documents/${document.id}`))
          .status,
      { timeout: 60_000 },
    )
    .toBe('ready');
  await startMeeting(secretary, meetingId);

  const chairName = demoAccount('chutoa').displayName;
  const delegateName = demoAccount('daibieu').displayName;
  const contexts: BrowserContext[] = [];
  try {
    const [chair, delegate, delegate2] = await Promise.all([
      tablet(browser, contexts, 'chutoa'),
      tablet(browser, contexts, 'daibieu'),
      tablet(browser, contexts, 'daibieu2'),
    ]);
    expect(chair.viewportSize()).toEqual({ width: 1280, height: 800 });
    expect(await chair.evaluate(() => navigator.maxTouchPoints)).toBeGreaterThan(0);

    await test.step('the delegates check in and the chair sees the quorum reached', async () => {
      await Promise.all([openLive(chair, meetingId), openLive(delegate, meetingId), openLive(delegate2, meetingId)]);
      await expect(chair.getByTestId('live-chair-console')).toBeVisible();
      await expect(delegate.getByTestId('live-delegate-view')).toBeVisible();
      // Three voting members (the chair and the two delegates): half of them, strictly, is 2.
      await expectQuorum(chair, 0, 2, false);

      await delegate.getByTestId('live-check-in').tap();
      await expect(delegate.getByTestId('live-my-status')).toHaveAttribute('data-status', 'in_person');
      await expectQuorum(chair, 1, 2, false);

      await delegate2.getByTestId('live-check-in').tap();
      await expect(delegate2.getByTestId('live-my-status')).toHaveAttribute('data-status', 'in_person');
      await expectQuorum(chair, 2, 2, true);
      await expectQuorum(delegate, 2, 2, true);
    });

    await test.step('the chair presents and turns pages; both readers follow, one reads freely and comes back', async () => {
      await chair.getByTestId('live-presenter-me').tap();
      await expect(chair.getByTestId('live-presenter-name')).toContainText(chairName);
      await chair
        .getByTestId('live-presenter')
        .locator(`[data-testid="live-document-open"][data-document-id="${document.id}"]`)
        .tap();
      await expect(chair.getByTestId('reader-title')).toHaveText(DOC_TITLE);
      await expect(chair.getByTestId('live-presenting')).toBeVisible();
      await expect(chair.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
      await expect(chair.getByTestId('reader-page-count')).toHaveText('/ 4');

      // Each delegate opens the presenter's document from the live view; their reader follows.
      for (const page of [delegate, delegate2]) {
        await page.getByTestId('live-follow-open').tap();
        await expect(page.getByTestId('reader-title')).toHaveText(DOC_TITLE);
        await expect(page.getByTestId('live-follow-chip')).toHaveAttribute('data-following', 'true');
        await expect(page.getByTestId('live-follow-chip')).toContainText(chairName);
        await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
        await expect(pageInput(page)).toHaveValue('1');
      }

      await chair.getByTestId('reader-next').tap();
      await expect(pageInput(chair)).toHaveValue('2');
      await chair.getByTestId('reader-next').tap();
      await expect(pageInput(chair)).toHaveValue('3');
      await expect(pageInput(delegate)).toHaveValue('3');
      await expect(pageInput(delegate2)).toHaveValue('3');

      // The second delegate reads freely, back to page 1, while the chair goes on to page 4.
      await delegate2.getByTestId('live-read-freely').tap();
      await expect(delegate2.getByTestId('live-follow-chip')).toHaveAttribute('data-following', 'false');
      await delegate2.getByTestId('reader-previous').tap();
      await expect(pageInput(delegate2)).toHaveValue('2');
      await delegate2.getByTestId('reader-previous').tap();
      await expect(pageInput(delegate2)).toHaveValue('1');
      await chair.getByTestId('reader-next').tap();
      await expect(pageInput(chair)).toHaveValue('4');
      await expect(pageInput(delegate)).toHaveValue('4');
      // The follower has page 4 by now; the free reader stayed where they were.
      await expect(pageInput(delegate2)).toHaveValue('1');

      await delegate2.getByTestId('live-back-to-presenter').tap();
      await expect(delegate2.getByTestId('live-follow-chip')).toHaveAttribute('data-following', 'true');
      await expect(pageInput(delegate2)).toHaveValue('4');
      await expect(delegate2.locator('.page[data-page-number="4"] canvas')).toBeVisible();
    });

    await test.step('a delegate asks for the floor, the chair gives it with a limit, the timer runs', async () => {
      await Promise.all([openLive(chair, meetingId), openLive(delegate, meetingId), openLive(delegate2, meetingId)]);

      await delegate.locator('[data-testid="live-request-to-speak"][data-kind="speech"]').tap();
      await expect(delegate.getByTestId('live-my-place')).toHaveAttribute('data-place', '1');

      const item = chair.getByTestId('live-queue-item');
      await expect(item).toHaveCount(1);
      await expect(item.getByTestId('live-queue-name')).toHaveText(delegateName);
      await chair.getByTestId('live-floor-limit').tap();
      await chair.getByRole('option', { name: '2 phút', exact: true }).tap();
      await expect(chair.getByTestId('live-floor-limit')).toContainText('2 phút');
      await item.getByTestId('live-give-floor').tap();
      await expect(chair.getByTestId('live-queue-empty')).toBeVisible();

      await expect(delegate.getByTestId('live-current-speaker')).toContainText(delegateName);
      await expect(delegate.getByTestId('live-my-floor')).toBeVisible();
      await expect(delegate2.getByTestId('live-current-speaker')).toContainText(delegateName);
      const timer = delegate.getByTestId('live-timer');
      await expect(timer).toHaveAttribute('data-state', 'running');
      await expect(timer).toHaveText(/^\s*[12]:\d\d\s*$/);
      const first = seconds(await timer.textContent());
      expect(first).toBeLessThanOrEqual(120);
      expect(first).toBeGreaterThan(100);
      // The one fixed wait: the time it takes a running clock to show less.
      await delegate.waitForTimeout(2_000);
      await expect.poll(async () => seconds(await timer.textContent()), { timeout: 3_000 }).toBeLessThan(first);
      expect(seconds(await timer.textContent())).toBeGreaterThanOrEqual(first - 5);

      await chair.getByTestId('live-end-speech').tap();
      await expect(delegate.getByTestId('live-no-speaker')).toBeVisible();
    });

    await test.step('a secret poll: both delegates vote, the tally counts live, the result is published', async () => {
      await chair.getByTestId('live-poll-question').fill(QUESTION);
      await chair.getByTestId('live-poll-kind-secret').tap();
      await expect(chair.locator('[data-testid="live-poll-kind-secret"] input')).toBeChecked();
      await chair.getByTestId('live-open-poll').tap();

      const tally = chair.getByTestId('live-poll-control').getByTestId('live-tally');
      await expect(tally.getByTestId('live-tally-question')).toHaveText(QUESTION);
      await expect(tally.getByTestId('live-eligible')).toHaveText('2');
      await expect(tally.getByTestId('live-tally-ballots')).toHaveText('0');
      // Secret: while it is open, nobody sees the counts, the chair included.
      await expect(tally.getByTestId('live-tally-secret')).toBeVisible();

      await vote(delegate, 'yes');
      await expect(tally.getByTestId('live-tally-ballots')).toHaveText('1');
      await vote(delegate2, 'no');
      await expect(tally.getByTestId('live-tally-ballots')).toHaveText('2');
      await expect(tally.getByTestId('live-tally-option')).toHaveCount(0);

      await chair.getByTestId('live-close-poll').tap();
      await chair.getByTestId('confirm-yes').tap();
      await expect(chair.getByTestId('live-poll-form')).toBeVisible();

      for (const page of [chair, delegate, delegate2]) {
        const result = page.getByTestId('live-results').getByTestId('live-result').filter({ hasText: QUESTION });
        await expect(result).toHaveCount(1);
        await expect(result.getByTestId('live-tally')).toHaveAttribute('data-status', 'closed');
        await expect(result.getByTestId('live-tally-ballots')).toHaveText('2');
        for (const [key, count] of [
          ['yes', '1'],
          ['no', '1'],
          ['abstain', '0'],
        ]) {
          await expect(result.locator(`[data-testid="live-tally-option"][data-key="${key}"]`)).toHaveAttribute(
            'data-count',
            count,
          );
        }
      }
      await expect(delegate.getByTestId('live-no-poll')).toBeVisible();
    });

    await test.step('the meeting is closed; the minutes are generated and downloaded as a PDF', async () => {
      await chair.goto(`/meetings/${meetingId}`);
      await chair.getByTestId('meeting-transition-closed').tap();
      await expect(chair.getByTestId('meeting-page-status')).toHaveText('Đã kết thúc');

      await chair.getByTestId('meeting-minutes-link').tap();
      await expect(chair.getByTestId('minutes-meeting-title')).toHaveText(TITLE);
      await chair.getByTestId('minutes-generate').tap();
      await expect(chair.getByTestId('minutes-status')).toBeVisible();
      await expect(chair.getByTestId('minutes-text')).toHaveValue(/BIÊN BẢN/);
      await expect(chair.getByTestId('minutes-text')).toHaveValue(new RegExp(escapeRegExp(QUESTION)));

      const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByTestId('minutes-pdf').tap()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const file = await download.path();
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30_000 })
        .normalize('NFC')
        .replace(/\s+/g, ' ');
      expect(text).toContain('BIÊN BẢN');
      expect(text).toContain(QUESTION.normalize('NFC'));
    });
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
