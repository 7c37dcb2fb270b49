import { expect, Page, test } from '@playwright/test';

import { logInAs } from '../fixtures/demo-accounts';
import { makeDocx, makePdf } from '../fixtures/documents';

/**
 * The whole path of a meeting on 10-inch tablets: a secretary prepares it (agenda, participants, a PDF
 * and a Word file, watching the upload and the processing), schedules it; a delegate reads the
 * converted Word file, finds a word typed without diacritics, highlights and annotates; another
 * delegate does not see those notes; a guest who was not invited cannot open the meeting.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const TITLE = `Họp trù bị dự toán ngân sách 2027 (${stamp})`;
const AGENDA = ['Khai mạc, giới thiệu đại biểu', 'Dự toán ngân sách xã năm 2027', 'Kết luận của chủ tọa'];
const DOCX_TITLE = 'Báo cáo dự toán ngân sách năm 2027';
const PDF_TITLE = 'Tờ trình khai mạc kỳ họp';
const NOTE = 'Hỏi lại Phòng Tài chính về khoản chi đầu tư công';

let meetingUrl = '';
let docxUrl = '';

/** Three days from now, as the date input wants it, in Hà Nội time. */
function meetingDate(): string {
  const date = new Date(Date.now() + 3 * 86_400_000 + 7 * 3_600_000);
  return date.toISOString().slice(0, 10);
}

async function agendaTitles(page: Page): Promise<string[]> {
  return page.getByTestId('agenda-item-title').allTextContents();
}

test('a secretary prepares and schedules a meeting', async ({ page }) => {
  test.setTimeout(240_000);
  await logInAs(page, 'thuky');

  // 1. Create the meeting.
  await page.getByTestId('meeting-create').tap();
  await page.getByTestId('meeting-form-title').fill(TITLE);
  await page.getByTestId('meeting-form-date').fill(meetingDate());
  await page.getByTestId('meeting-form-start').fill('08:00');
  await page.getByTestId('meeting-form-end').fill('10:30');
  await page.getByTestId('meeting-form-place').fill('Phòng họp tầng 2, UBND huyện');
  await page.getByTestId('meeting-form-mode-hybrid').tap();
  await page.getByTestId('meeting-form-submit').tap();
  await expect(page.getByTestId('meeting-page-title')).toHaveText(TITLE);
  await expect(page.getByTestId('meeting-page-status')).toHaveText('Bản nháp');
  await expect(page.getByTestId('meeting-page-role')).toHaveText('Thư ký');
  meetingUrl = new URL(page.url()).pathname;

  // 2. A three-item agenda, built in the wrong order and put right with the keyboard-accessible buttons.
  for (const title of [AGENDA[0], AGENDA[2], AGENDA[1]]) {
    await page.getByTestId('agenda-add').tap();
    // The dialog puts the focus in its first field once it has opened; type after that.
    await expect(page.getByTestId('agenda-form-title')).toBeFocused();
    await page.getByTestId('agenda-form-title').fill(title);
    await page.getByTestId('agenda-form-minutes').fill('20');
    await page.getByTestId('agenda-form-save').tap();
    await expect(page.getByTestId('agenda-form')).toHaveCount(0);
  }
  await expect.poll(() => agendaTitles(page)).toEqual([AGENDA[0], AGENDA[2], AGENDA[1]]);
  await page.getByTestId('agenda-item').nth(2).getByTestId('agenda-move-up').tap();
  await expect.poll(() => agendaTitles(page)).toEqual(AGENDA);
  await page.reload();
  await expect.poll(() => agendaTitles(page)).toEqual(AGENDA);

  // 3. The two delegates take part.
  for (const username of ['daibieu', 'daibieu2']) {
    await page.getByTestId('participant-search').fill(username);
    await page.locator(`[data-testid="participant-option"][data-username="${username}"]`).tap();
    await expect(page.getByTestId('participant-search')).toHaveValue('');
  }
  await expect(page.getByTestId('participant')).toHaveCount(3);

  // 4. A PDF for the first item, over a slow link: the bar shows real upload progress.
  const pdf = await makePdf({
    title: PDF_TITLE,
    pages: ['Khai mạc kỳ họp trù bị về dự toán ngân sách.', 'Danh sách đại biểu tham dự.'],
    padBytes: 400_000,
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 100 * 1024,
  });
  await page.getByTestId('agenda-item').nth(0).getByTestId('document-upload').tap();
  await page
    .getByTestId('upload-file')
    .setInputFiles({ name: 'to-trinh-khai-mac.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByTestId('upload-title').fill(PDF_TITLE);
  await page.getByTestId('upload-submit').tap();
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-phase', 'uploading');
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const text = await page
          .getByTestId('upload-percent')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        if (text) seen.add(Number.parseInt(text, 10));
        return page.getByTestId('upload-status').getAttribute('data-phase');
      },
      { timeout: 60_000, intervals: [100] },
    )
    .not.toBe('uploading');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  expect([...seen].some((percent) => percent > 0 && percent < 100)).toBe(true);
  await expect(page.getByTestId('upload-ready')).toHaveText('Tài liệu đã sẵn sàng: 2 trang.', { timeout: 60_000 });
  await page.getByTestId('upload-done').tap();

  // 5. A Word file for the budget item: the server converts it, the dialog follows the stages.
  await page.getByTestId('agenda-item').nth(1).getByTestId('document-upload').tap();
  await page.getByTestId('upload-file').setInputFiles({
    name: 'bao-cao-du-toan.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: makeDocx([
      DOCX_TITLE,
      'Tổng thu ngân sách xã dự kiến tăng 8% so với năm 2026.',
      'Chi đầu tư công ưu tiên trường học và đường giao thông nông thôn.',
    ]),
  });
  await expect(page.getByTestId('upload-title')).toHaveValue('bao-cao-du-toan');
  await page.getByTestId('upload-title').fill(DOCX_TITLE);
  await page.getByTestId('upload-submit').tap();
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-phase', /uploading|processing|ready/);
  await expect(page.getByTestId('upload-ready')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('upload-done').tap();

  const budgetDocs = page.getByTestId('agenda-item').nth(1).getByTestId('document');
  await expect(budgetDocs).toHaveAttribute('data-status', 'ready');
  await expect(budgetDocs.getByTestId('document-thumbnail')).toBeVisible();
  docxUrl = (await budgetDocs.getByTestId('document-open').getAttribute('href')) ?? '';
  expect(docxUrl).toMatch(/\/documents\//);

  // 6. Schedule it.
  await page.getByTestId('meeting-transition-scheduled').tap();
  await expect(page.getByTestId('meeting-page-status')).toHaveText('Đã lên lịch');
});

test('a delegate reads the converted Word file, searches without diacritics, highlights and annotates', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(meetingUrl).not.toBe('');
  await logInAs(page, 'daibieu');

  const card = page.getByTestId('meetings-upcoming').getByTestId('meeting-card').filter({ hasText: TITLE });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('meeting-status')).toHaveText('Đã lên lịch');
  await expect(card.getByTestId('meeting-my-role')).toHaveText('Đại biểu');
  await card.getByTestId('meeting-title').tap();
  await expect(page.getByTestId('meeting-page-role')).toHaveText('Đại biểu');

  // Across every document of the meeting, typed without diacritics.
  await page.getByTestId('meeting-search-input').fill('ngan sach xa');
  await page.getByTestId('meeting-search-submit').tap();
  const hit = page.getByTestId('search-hit').filter({ hasText: DOCX_TITLE }).first();
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(/ngân sách xã/i);
  await hit.tap();

  // The reader opens the converted PDF at the hit, with pdf.js marking the words.
  await expect(page.getByTestId('reader-title')).toHaveText(DOCX_TITLE);
  await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('reader-page-count')).toHaveText('/ 1');
  await expect(page.locator('.textLayer .highlight').first()).toBeVisible();

  // Find inside the document, again without diacritics.
  await page.getByTestId('reader-find-input').fill('dau tu cong');
  await page.getByTestId('reader-find-input').press('Enter');
  await expect(page.getByTestId('reader-find-count')).toHaveText('1/1');

  // Highlight: select a line of text, then the highlight button.
  await page.evaluate(() => {
    const span = Array.from(document.querySelectorAll<HTMLElement>('.textLayer span')).find((s) =>
      s.textContent?.includes('Tổng thu'),
    );
    if (!span) throw new Error('no text span to select');
    const range = document.createRange();
    range.selectNodeContents(span);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  });
  await page.getByTestId('reader-highlight').tap();
  await expect(page.locator('.ec-highlight').first()).toBeVisible();

  // Note: note mode, then a tap on the page.
  await page.getByTestId('reader-note-mode').tap();
  await page.locator('.page[data-page-number="1"]').tap({ position: { x: 400, y: 500 } });
  await expect(page.getByTestId('note-text')).toBeFocused();
  await page.getByTestId('note-text').fill(NOTE);
  await page.getByTestId('note-save').tap();
  await expect(page.getByTestId('note-marker')).toHaveCount(1);

  // They come back after reopening the document.
  await page.reload();
  await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('reader-notes-toggle').tap();
  await expect(page.getByTestId('note-entry')).toHaveCount(2);
  await expect(page.locator('[data-testid="note-entry"][data-kind="note"]')).toContainText(NOTE);
  await expect(page.locator('[data-testid="note-entry"][data-kind="highlight"]')).toHaveCount(1);
  await expect(page.locator('.ec-highlight').first()).toBeVisible();
  await expect(page.getByTestId('note-marker')).toHaveCount(1);
});

/**
 * The document's fast-open hint names the bytes pdf.js needs for page 1 (the first-page section
 * and a tail with the xref); the reader asks for them at once by Range, 16 KiB-aligned, and for
 * nothing else up front: never the whole file. (Timing is measured by `npm run bench:first-page`.)
 */
test('on a slow link the reader asks by Range for the first-page ranges the server names', async ({ page }) => {
  test.setTimeout(120_000);
  expect(meetingUrl).not.toBe('');
  await logInAs(page, 'daibieu');
  await page.goto(meetingUrl);
  // Warm up: pdf.js and its worker are in the browser cache before the link gets slow.
  await page.getByTestId('agenda-item').nth(1).getByTestId('document-open').tap();
  await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
  await page.goBack();

  const pdfDoc = page.getByTestId('agenda-item').nth(0).getByTestId('document');
  const documentId = await pdfDoc.getAttribute('data-document-id');
  const detail = (await (await page.request.get(`/api${meetingUrl}/documents/${documentId}`)).json()) as {
    fileBytes: number;
    fastOpen: { headEnd: number; tailStart: number };
  };
  const chunk = 16 * 1024;
  const headRange = `bytes=0-${Math.min(detail.fileBytes, Math.ceil(detail.fastOpen.headEnd / chunk) * chunk) - 1}`;
  const bytesPerSecond = 32 * 1024;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 50,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: -1,
  });
  const fileRequests: { range: string | null; status: number }[] = [];
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname.endsWith('/file')) {
      fileRequests.push({ range: (await response.request().headerValue('range')) ?? null, status: response.status() });
    }
  });

  await pdfDoc.getByTestId('document-open').tap();
  await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('reader-next').tap();
  await expect(page.locator('.page[data-page-number="2"] canvas')).toBeVisible({ timeout: 60_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  expect(detail.fileBytes).toBeGreaterThan(4 * 65536);
  expect(fileRequests).toContainEqual({ range: headRange, status: 206 });
  expect(fileRequests.every((r) => r.range && r.status === 206)).toBe(true);
  expect(fileRequests.map((r) => r.range)).not.toContain(`bytes=0-${detail.fileBytes - 1}`);
});

test('another delegate reads the same document without seeing those notes', async ({ page }) => {
  expect(docxUrl).not.toBe('');
  await logInAs(page, 'daibieu2');
  await page.goto(docxUrl);
  await expect(page.locator('.page[data-page-number="1"] canvas')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('reader-notes-toggle').tap();
  await expect(page.getByTestId('notes-empty')).toBeVisible();
  await expect(page.locator('.ec-highlight')).toHaveCount(0);
  await expect(page.getByTestId('note-marker')).toHaveCount(0);
  const annotations = await page.request.get(`/api${docxUrl}/annotations`);
  expect(annotations.status()).toBe(200);
  expect(await annotations.json()).toEqual([]);
});

test('a guest who was not invited neither sees nor opens the meeting', async ({ page }) => {
  expect(meetingUrl).not.toBe('');
  await logInAs(page, 'khach');
  await expect(page.getByText(TITLE)).toHaveCount(0);
  await page.goto(meetingUrl);
  await expect(page.getByTestId('meeting-error')).toHaveAttribute('data-code', 'NOT_FOUND');
  await expect(page.getByTestId('meeting-page-title')).toHaveCount(0);
  const api = await page.request.get(`/api${meetingUrl}`);
  expect(api.status()).toBe(404);
  const file = await page.request.get(`/api${docxUrl}/file`);
  expect(file.status()).toBe(404);
});
