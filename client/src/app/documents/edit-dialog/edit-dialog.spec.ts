import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { documentStub, MEETING_ID, meetingDetailStub, USER_IDS } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { answerMeetingPage } from '../../../testing/meeting-page-http';
import { MeetingPage } from '../../meetings/meeting-page/meeting-page';
import { DOCUMENT_POLL_MS } from '../../meetings/meeting-page/meeting-page-store';

describe('EditDocumentDialog', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  const url = `/api/meetings/${MEETING_ID}/documents/doc-1`;

  async function openPage(myRole: 'secretary' | 'delegate' = 'secretary'): Promise<void> {
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
    await answerMeetingPage(http, stable, meetingDetailStub({ myRole }), [documentStub()]);
  }

  afterEach(() => http.verify());

  const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => all(id)[0];
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const stable = () => harness.fixture.whenStable();

  async function openDialog(): Promise<void> {
    one('document-edit').click();
    await stable();
  }

  function type(id: string, value: string): void {
    const input = one(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('is not offered to a delegate', async () => {
    await openPage('delegate');
    expect(all('document')).toHaveLength(1);
    expect(all('document-edit')).toHaveLength(0);
  });

  it('fills in the document as it is and sends only what changed, then refreshes the list', async () => {
    await openPage();
    expect(one('document-edit').getAttribute('aria-label')).toBe('Sửa thông tin “Tờ trình dự toán ngân sách”');
    await openDialog();
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain('Sửa thông tin tài liệu');
    expect((one('edit-document-title') as HTMLInputElement).value).toBe('Tờ trình dự toán ngân sách');

    type('edit-document-title', 'Tờ trình dự toán ngân sách (sửa đổi)');
    one('edit-document-visibility-named').querySelector('input')?.click();
    await stable();
    one('edit-document-readers').click();
    await stable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.includes('Trần Văn Đại'))
      ?.click();
    await stable();
    one('edit-document-confidential').querySelector('input')?.click();
    one('edit-document-save').click();
    await stable();

    const request = http.expectOne(url);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      title: 'Tờ trình dự toán ngân sách (sửa đổi)',
      visibility: 'named',
      readerIds: [USER_IDS.delegate],
      confidential: true,
    });
    const updated = documentStub({
      title: 'Tờ trình dự toán ngân sách (sửa đổi)',
      visibility: 'named',
      readerIds: [USER_IDS.delegate],
      confidential: true,
    });
    request.flush(updated);
    await stable();
    http.expectOne(`/api/meetings/${MEETING_ID}/documents`).flush([updated]);
    await waitFor(() => all('edit-document-form').length === 0);
    expect(text('document-open')).toBe('Tờ trình dự toán ngân sách (sửa đổi)');
    expect(all('document-confidential')).toHaveLength(1);
  });

  it('detaches the document from its agenda item', async () => {
    await openPage();
    await openDialog();
    one('edit-document-agenda-item').click();
    await stable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.includes('Không thuộc nội dung nào'))
      ?.click();
    await stable();
    one('edit-document-save').click();
    await stable();
    const request = http.expectOne(url);
    expect(request.request.body).toEqual({ agendaItemId: null });
    request.flush(documentStub({ agendaItemId: null }));
    await stable();
    http.expectOne(`/api/meetings/${MEETING_ID}/documents`).flush([documentStub({ agendaItemId: null })]);
    await waitFor(() => all('edit-document-form').length === 0);
    expect(all('document')).toHaveLength(1);
  });

  it('validates with the shared schema before sending', async () => {
    await openPage();
    await openDialog();
    one('edit-document-save').click();
    await stable();
    expect(text('edit-document-form-error')).toBe('Không có gì để thay đổi');

    type('edit-document-title', '   ');
    one('edit-document-save').click();
    await stable();
    expect(document.querySelector('mat-error')?.textContent?.trim()).toBe('Vui lòng nhập thông tin này');
    http.expectNone(url);
  });

  it("shows the server's message when it refuses", async () => {
    await openPage();
    await openDialog();
    one('edit-document-confidential').querySelector('input')?.click();
    one('edit-document-save').click();
    await stable();
    http
      .expectOne(url)
      .flush(
        { code: 'CONFLICT', message: 'Cuộc họp đã kết thúc / The meeting has ended' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable();
    expect(text('edit-document-error')).toBe('Cuộc họp đã kết thúc');
    expect(all('edit-document-form')).toHaveLength(1);
  });
});
