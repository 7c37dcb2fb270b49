import { HttpEventType } from '@angular/common/http';
import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import {
  documentDetailStub,
  documentStub,
  ITEM_IDS,
  MEETING_ID,
  meetingDetailStub,
  USER_IDS,
} from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { answerMeetingPage } from '../../../testing/meeting-page-http';
import { MeetingPage } from '../../meetings/meeting-page/meeting-page';
import { DOCUMENT_POLL_MS } from '../../meetings/meeting-page/meeting-page-store';
import { PROCESSING_POLL_MS } from './upload-tracker';

function fieldNames(form: FormData): string[] {
  const names: string[] = [];
  form.forEach((_value, name) => names.push(name));
  return names;
}

describe('UploadDialog', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([{ path: 'meetings/:meetingId', component: MeetingPage }], withComponentInputBinding()),
        { provide: PROCESSING_POLL_MS, useValue: 5 },
        // The page's own list polling stays out of these tests.
        { provide: DOCUMENT_POLL_MS, useValue: 60_000 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${MEETING_ID}`);
    await answerMeetingPage(http, () => harness.fixture.whenStable(), meetingDetailStub(), []);
  });

  afterEach(() => http.verify());

  const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => all(id)[0];
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const stable = () => harness.fixture.whenStable();

  async function nextRequest(url: string): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await waitFor(() => (found = http.match(url)).length > 0);
    return found[0];
  }

  async function openOnItem(index: number): Promise<void> {
    const item = document.querySelectorAll('[data-testid="agenda-item"]')[index];
    item.querySelector<HTMLElement>('[data-testid="document-upload"]')?.click();
    await stable();
  }

  function choose(name: string, bytes: number, type: string): File {
    const file = new File([new Uint8Array(bytes)], name, { type });
    const input = one('upload-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    return file;
  }

  it('refuses to send without a file', async () => {
    await openOnItem(1);
    one('upload-submit').click();
    await stable();
    expect(text('upload-file-missing')).toBe('Vui lòng chọn tệp.');
    http.expectNone(`/api/meetings/${MEETING_ID}/documents`);
  });

  it('uploads with real byte progress, then follows the processing until the document is ready', async () => {
    await openOnItem(1);
    const file = choose(
      'Bao-cao-ngan-sach.docx',
      4096,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    await stable();
    expect((one('upload-title') as HTMLInputElement).value).toBe('Bao-cao-ngan-sach');
    expect(text('upload-chosen')).toContain('Bao-cao-ngan-sach.docx');
    one('upload-confidential').querySelector('input')?.click();
    one('upload-submit').click();
    await stable();

    const upload = http.expectOne(`/api/meetings/${MEETING_ID}/documents`);
    expect(upload.request.method).toBe('POST');
    expect(upload.request.reportProgress).toBe(true);
    const form = upload.request.body as FormData;
    expect(form.get('title')).toBe('Bao-cao-ngan-sach');
    expect(form.get('agendaItemId')).toBe(ITEM_IDS[1]);
    expect(form.get('visibility')).toBe('all');
    expect(form.get('confidential')).toBe('true');
    expect(form.get('file')).toBeInstanceOf(File);
    expect((form.get('file') as File).name).toBe(file.name);
    // The file is the last part: the server reads the fields first.
    expect(fieldNames(form).at(-1)).toBe('file');

    upload.event({ type: HttpEventType.UploadProgress, loaded: 1024, total: 4096 });
    await stable();
    expect(one('upload-status').getAttribute('data-phase')).toBe('uploading');
    expect(text('upload-percent')).toBe('25%');
    expect(one('upload-progress').getAttribute('aria-valuenow')).toBe('25');
    expect(text('upload-cancel')).toBe('Dừng tải lên');

    upload.event({ type: HttpEventType.UploadProgress, loaded: 4096, total: 4096 });
    const stored = {
      id: 'doc-new',
      title: 'Bao-cao-ngan-sach',
      confidential: true,
      status: 'processing',
      stage: 'queued',
      progress: 0,
      currentVersion: null,
      pageCount: 0,
    } as const;
    upload.flush(documentDetailStub(stored));
    await stable();
    expect(one('upload-status').getAttribute('data-phase')).toBe('processing');
    expect(text('processing-stage')).toBe('Máy chủ đang xử lý: Đang chờ xử lý · 0%');
    // The page lists the new document at once, under its agenda item.
    expect(all('document').map((e) => e.getAttribute('data-document-id'))).toEqual(['doc-new']);

    (await nextRequest(`/api/meetings/${MEETING_ID}/documents/doc-new`)).flush(
      documentDetailStub({ ...stored, stage: 'converting', progress: 35 }),
    );
    await stable();
    expect(text('processing-stage')).toBe('Máy chủ đang xử lý: Chuyển sang PDF · 35%');

    (await nextRequest(`/api/meetings/${MEETING_ID}/documents/doc-new`)).flush(
      documentDetailStub({ ...stored, status: 'ready', stage: 'done', progress: 100, currentVersion: 1, pageCount: 3 }),
    );
    await stable();
    expect(text('upload-ready')).toBe('Tài liệu đã sẵn sàng: 3 trang.');
    expect(one('document').getAttribute('data-status')).toBe('ready');
    expect(all('document-confidential')).toHaveLength(1);
    one('upload-done').click();
    await waitFor(() => all('upload-form').length === 0);
  });

  it('shows why processing failed', async () => {
    await openOnItem(0);
    choose('hong.pdf', 100, 'application/pdf');
    one('upload-submit').click();
    await stable();
    http
      .expectOne(`/api/meetings/${MEETING_ID}/documents`)
      .flush(
        documentDetailStub({ id: 'doc-bad', status: 'processing', stage: 'queued', progress: 0, currentVersion: null }),
      );
    await stable();
    const failed = documentDetailStub({ id: 'doc-bad', status: 'failed', stage: 'inspecting', currentVersion: null });
    failed.versions[0].failure = { reason: 'corrupt', message: 'Tệp PDF bị hỏng / The PDF is damaged' };
    (await nextRequest(`/api/meetings/${MEETING_ID}/documents/doc-bad`)).flush(failed);
    await stable();
    expect(one('upload-failed').getAttribute('role')).toBe('alert');
    expect(text('upload-failure-reason')).toBe('Tệp bị hỏng.');
    expect(text('upload-failure-message')).toBe('Tệp PDF bị hỏng');
    expect(one('document').getAttribute('data-status')).toBe('failed');
  });

  it("shows the server's refusal (too large) and lets the user pick another file", async () => {
    await openOnItem(0);
    choose('lon.pdf', 100, 'application/pdf');
    one('upload-submit').click();
    await stable();
    http
      .expectOne(`/api/meetings/${MEETING_ID}/documents`)
      .flush(
        { code: 'PAYLOAD_TOO_LARGE', message: 'Tệp quá lớn (tối đa 100 MB) / File too large (max 100 MB)' },
        { status: 413, statusText: 'Payload Too Large' },
      );
    await stable();
    expect(text('upload-error')).toContain('Tệp quá lớn (tối đa 100 MB)');
    one('upload-retry').click();
    await stable();
    expect(all('upload-file')).toHaveLength(1);
  });

  it('limits a document to named readers', async () => {
    await openOnItem(0);
    choose('mat.pdf', 10, 'application/pdf');
    one('upload-visibility-named').querySelector('input')?.click();
    await stable();
    one('upload-readers').click();
    await stable();
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) =>
      o.textContent?.includes('Trần Văn Đại'),
    );
    option?.click();
    await stable();
    one('upload-submit').click();
    await stable();
    const form = http.expectOne(`/api/meetings/${MEETING_ID}/documents`).request.body as FormData;
    expect(form.get('visibility')).toBe('named');
    expect(form.getAll('readerIds')).toEqual([USER_IDS.delegate]);
  });

  it('uploads a new version of an existing document', async () => {
    // Reload the page with a document in it.
    harness.fixture.destroy();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([{ path: 'meetings/:meetingId', component: MeetingPage }], withComponentInputBinding()),
        { provide: PROCESSING_POLL_MS, useValue: 5 },
        { provide: DOCUMENT_POLL_MS, useValue: 60_000 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${MEETING_ID}`);
    await answerMeetingPage(http, stable, meetingDetailStub(), [documentStub()]);

    one('document-new-version-upload').click();
    await stable();
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toContain(
      'Phiên bản mới: Tờ trình dự toán ngân sách',
    );
    expect(all('upload-title')).toHaveLength(0);
    choose('to-trinh-v2.pdf', 10, 'application/pdf');
    one('upload-submit').click();
    await stable();
    const request = http.expectOne(`/api/meetings/${MEETING_ID}/documents/doc-1/versions`);
    expect(fieldNames(request.request.body as FormData)).toEqual(['file']);
    request.flush(documentDetailStub({ latestVersion: 2, status: 'processing', stage: 'queued', progress: 0 }));
    await stable();
    const ready = documentDetailStub({ currentVersion: 2, latestVersion: 2 });
    ready.versions = [{ ...ready.versions[0], number: 2, pageCount: 14 }, ready.versions[0]];
    (await nextRequest(`/api/meetings/${MEETING_ID}/documents/doc-1`)).flush(ready);
    await stable();
    expect(text('upload-ready')).toBe('Tài liệu đã sẵn sàng: 14 trang.');
  });
});
