import type { Page } from 'playwright-core';

const openLink = (page: Page, documentId: string) =>
  page.locator(`[data-testid="document"][data-document-id="${documentId}"] [data-testid="document-open"]`);

/** Resolves (in the page) at the reader's next painted page: it dispatches `ecab:page-rendered`. */
async function armPaintProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __tappedAt?: number; __firstPaint?: Promise<number> };
    w.__tappedAt = undefined;
    window.addEventListener('touchstart', () => (w.__tappedAt ??= performance.now()), { capture: true, once: true });
    w.__firstPaint = new Promise((resolve) =>
      window.addEventListener('ecab:page-rendered', () => resolve(performance.now()), { once: true }),
    );
  });
}

async function tapAndWaitForPaint(page: Page, documentId: string): Promise<number> {
  if (process.env['BENCH_DEBUG']) console.log(Date.now() % 100000, 'tap');
  await openLink(page, documentId).tap();
  const { tappedAt, paintedAt } = await page.evaluate(async () => {
    const w = window as unknown as { __tappedAt: number; __firstPaint: Promise<number> };
    return { paintedAt: await w.__firstPaint, tappedAt: w.__tappedAt };
  });
  return paintedAt - tappedAt;
}

/**
 * The app is loaded on the meeting page and the reader warmed up by opening another document
 * (unthrottled: on a tablet the app and pdf.js are already there). Then `throttle` is applied and
 * the document is opened by tapping it, as a delegate does. Resolves with the time from the tap to
 * the reader's first painted page.
 */
export async function openDocumentInReader(
  page: Page,
  baseUrl: string,
  meetingId: string,
  documentId: string,
  warmUpDocumentId: string,
  throttle: () => Promise<void>,
): Promise<{ firstPaintMs: number }> {
  await page.goto(`${baseUrl}/meetings/${meetingId}`);
  await openLink(page, warmUpDocumentId).waitFor({ state: 'visible', timeout: 30_000 });
  await armPaintProbe(page);
  await tapAndWaitForPaint(page, warmUpDocumentId);
  await page.goBack();
  await openLink(page, documentId).waitFor({ state: 'visible', timeout: 30_000 });
  await armPaintProbe(page);
  await throttle();
  return { firstPaintMs: await tapAndWaitForPaint(page, documentId) };
}
