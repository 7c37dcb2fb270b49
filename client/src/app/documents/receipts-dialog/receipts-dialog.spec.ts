import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DocumentResponse, ReadReceiptResponse } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import {
  documentStub,
  MEETING_ID,
  meetingDetailStub,
  participantStub,
  USER_IDS,
} from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { answerMeetingPage } from '../../../testing/meeting-page-http';
import { MeetingPage } from '../../meetings/meeting-page/meeting-page';
import { DOCUMENT_POLL_MS } from '../../meetings/meeting-page/meeting-page-store';

function receiptStub(overrides: Partial<ReadReceiptResponse> = {}): ReadReceiptResponse {
  return {
    userId: USER_IDS.delegate,
    displayName: 'Trần Văn Đại',
    unitName: 'Huyện Sông Lam',
    version: 2,
    firstOpenedAt: '2026-11-20T02:00:00.000Z',
    lastOpenedAt: '2026-11-21T03:15:00.000Z',
    openCount: 3,
    ...overrides,
  };
}

describe('ReceiptsDialog', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  const url = `/api/meetings/${MEETING_ID}/documents/doc-1/receipts`;

  async function openPage(doc: DocumentResponse, myRole: 'secretary' | 'delegate' = 'secretary'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([{ path: 'meetings/:meetingId', component: MeetingPage }], withComponentInputBinding()),
        { provide: DOCUMENT_POLL_MS, useValue: 60_000 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${MEETING_ID}`);
    const meeting = meetingDetailStub({ myRole });
    meeting.participants.push(
      participantStub({
        id: 'p-delegate2',
        userId: USER_IDS.delegate2,
        displayName: 'Lê Thị Hoa',
        meetingRole: 'delegate',
        votingMember: true,
      }),
    );
    await answerMeetingPage(http, stable, meeting, [doc]);
  }

  afterEach(() => http.verify());

  const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => all(id)[0];
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
  const stable = () => harness.fixture.whenStable();

  it('is not offered to a delegate', async () => {
    await openPage(documentStub(), 'delegate');
    expect(all('document-receipts')).toHaveLength(0);
  });

  it('lists who opened which version, and who has not opened the current one', async () => {
    await openPage(documentStub({ currentVersion: 2, latestVersion: 2 }));
    expect(one('document-receipts').getAttribute('aria-label')).toBe('Ai đã đọc “Tờ trình dự toán ngân sách”');
    one('document-receipts').click();
    await stable();
    expect(all('receipts-loading')).toHaveLength(1);

    http.expectOne(url).flush([
      receiptStub(),
      receiptStub({
        userId: USER_IDS.delegate2,
        displayName: 'Lê Thị Hoa',
        unitName: null,
        version: 1,
        openCount: 1,
      }),
    ]);
    await stable();
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain(
      'Ai đã đọc “Tờ trình dự toán ngân sách”',
    );
    const rows = all('receipt');
    expect(rows.map((row) => text(row.querySelector('[data-testid="receipt-name"]')))).toEqual([
      'Trần Văn Đại',
      'Lê Thị Hoa',
    ]);
    expect(text(rows[0])).toContain('Huyện Sông Lam');
    expect(text(rows[0].querySelector('[data-testid="receipt-version"]'))).toBe('Phiên bản 2');
    expect(text(rows[0].querySelector('[data-testid="receipt-count"]'))).toBe('3 lần mở');
    expect(text(rows[0].querySelector('[data-testid="receipt-times"]'))).toMatch(
      /^Mở lần đầu: .*2026 · Mở gần nhất: .*2026$/,
    );

    // Lê Thị Hoa only opened version 1; the secretary never opened it.
    expect(all('receipt-not-opened').map((row) => text(row))).toEqual([
      'Nguyễn Thị Thư · Huyện Sông Lam',
      'Lê Thị Hoa · Huyện Sông Lam',
    ]);
  });

  it('only counts the named readers of a restricted document', async () => {
    await openPage(documentStub({ visibility: 'named', readerIds: [USER_IDS.delegate] }));
    one('document-receipts').click();
    await stable();
    http.expectOne(url).flush([receiptStub({ version: 1 }), receiptStub({ userId: USER_IDS.secretary, version: 1 })]);
    await stable();
    expect(all('receipt-not-opened')).toHaveLength(0);
    expect(text(one('receipts-all-opened'))).toBe('Mọi người đều đã mở phiên bản hiện tại.');
  });

  it('says so when nobody has opened it, and shows a refusal', async () => {
    await openPage(documentStub());
    one('document-receipts').click();
    await stable();
    http.expectOne(url).flush([]);
    await stable();
    expect(text(one('receipts-none'))).toBe('Chưa ai mở tài liệu này.');
    expect(all('receipt-not-opened')).toHaveLength(3);

    one('receipts-close').click();
    await stable();
    one('document-receipts').click();
    await stable();
    http
      .expectOne(url)
      .flush(
        { code: 'FORBIDDEN', message: 'Bạn không có quyền / You are not allowed' },
        { status: 403, statusText: 'Forbidden' },
      );
    await stable();
    expect(text(one('receipts-error'))).toBe('Bạn không có quyền');
  });
});
