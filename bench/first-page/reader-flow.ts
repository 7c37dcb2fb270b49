import type { Page } from 'playwright-core';

/**
 * Loads the app on the meeting page (unthrottled: the app is already running on the tablet), then
 * calls `throttle` and opens the document the way a delegate does, by tapping it. Resolves with
 * the time from the tap to the reader's first painted page (the reader dispatches
 * `ecab:page-rendered` on window for each page pdf.js paints).
 */
export async function openDocumentInReader(
  page: Page,
  baseUrl: string,
  meetingId: string,
  documentId: string,
  throttle: () => Promise<void>,
): Promise<{ firstPaintMs: number }> {
  await page.goto(`${baseUrl}/meetings/${meetingId}`);
  const link = page.getByTestId(`open-document-${documentId}`);
  await link.waitFor({ state: 'visible', timeout: 30_000 });
  await page.evaluate(() => {
    const w = window as unknown as { __tappedAt?: number; __firstPaint?: Promise<number> };
    window.addEventListener('touchstart', () => (w.__tappedAt ??= performance.now()), { capture: true, once: true });
    w.__firstPaint = new Promise((resolve) =>
      window.addEventListener('ecab:page-rendered', () => resolve(performance.now()), { once: true }),
    );
  });
  await throttle();
  await link.tap();
  const { tappedAt, paintedAt } = await page.evaluate(async () => {
    const w = window as unknown as { __tappedAt: number; __firstPaint: Promise<number> };
    return { paintedAt: await w.__firstPaint, tappedAt: w.__tappedAt };
  });
  return { firstPaintMs: paintedAt - tappedAt };
}
