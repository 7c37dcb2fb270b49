import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { MeetingDetailResponse, UserSummaryResponse } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import {
  documentStub,
  ITEM_IDS,
  MEETING_ID,
  meetingDetailStub,
  participantStub,
  USER_IDS,
} from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { answerMeetingPage } from '../../../testing/meeting-page-http';
import { AgendaList } from '../agenda/agenda-list/agenda-list';
import { MeetingPage } from './meeting-page';
import { DOCUMENT_POLL_MS } from './meeting-page-store';

describe('MeetingPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  async function open(meeting: MeetingDetailResponse = meetingDetailStub(), documents = [documentStub()]) {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([{ path: 'meetings/:meetingId', component: MeetingPage }], withComponentInputBinding()),
        { provide: DOCUMENT_POLL_MS, useValue: 5 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${meeting.id}`);
    await answerMeetingPage(http, () => harness.fixture.whenStable(), meeting, documents);
  }

  afterEach(() => http.verify());

  const all = (id: string, root: ParentNode = document) =>
    Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string, root: ParentNode = document) => all(id, root)[0];
  const text = (id: string, root: ParentNode = document) => one(id, root)?.textContent?.trim();
  const agendaTitles = () => all('agenda-item-title').map((e) => e.textContent?.trim());
  const stable = () => harness.fixture.whenStable();

  /** A request that is sent after a dialog has finished closing. */
  async function nextRequest(url: string): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await waitFor(() => (found = http.match(url)).length > 0);
    return found[0];
  }

  it('shows the meeting, my role, the agenda in order with its documents, and the participants', async () => {
    await open();
    expect(text('meeting-page-title')).toBe('Kỳ họp thứ 12 Hội đồng nhân dân huyện');
    expect(text('meeting-page-status')).toBe('Bản nháp');
    expect(text('meeting-page-role')).toBe('Thư ký');
    expect(agendaTitles()).toEqual(['Khai mạc', 'Dự toán ngân sách năm 2027', 'Bế mạc']);

    const [, budget] = all('agenda-item');
    const doc = one('document', budget);
    expect(text('document-open', doc)).toBe('Tờ trình dự toán ngân sách');
    expect(doc.textContent).toContain('12 trang');
    expect(one('document-thumbnail', doc).getAttribute('src')).toBe(
      `/api/meetings/${MEETING_ID}/documents/doc-1/versions/1/pages/1/thumbnail`,
    );
    expect(one('document-open', doc).getAttribute('href')).toBe(`/meetings/${MEETING_ID}/documents/doc-1`);
    expect(all('participant-name').map((e) => e.textContent?.trim())).toEqual(['Nguyễn Thị Thư', 'Trần Văn Đại']);
  });

  it('gives a delegate the meeting to read, without organiser controls', async () => {
    await open(meetingDetailStub({ myRole: 'delegate', allowedTransitions: [] }));
    expect(text('meeting-page-role')).toBe('Đại biểu');
    for (const id of ['meeting-edit', 'agenda-add', 'agenda-move-up', 'document-upload', 'participant-search']) {
      expect(all(id)).toHaveLength(0);
    }
    expect(all('meeting-transition-scheduled')).toHaveLength(0);
    expect(text('participant-role-text')).toBe('Thư ký');
  });

  it('says the meeting does not exist when the server answers 404 (not a participant)', async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([{ path: 'meetings/:meetingId', component: MeetingPage }], withComponentInputBinding()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${MEETING_ID}`);
    http
      .expectOne(`/api/meetings/${MEETING_ID}`)
      .flush(
        { code: 'NOT_FOUND', message: 'Không tìm thấy cuộc họp / Meeting not found' },
        { status: 404, statusText: 'Not Found' },
      );
    await stable();
    expect(one('meeting-error').getAttribute('data-code')).toBe('NOT_FOUND');
    expect(text('meeting-error-message')).toBe('Không tìm thấy cuộc họp');
    expect(all('agenda')).toHaveLength(0);
  });

  it('schedules a draft meeting with the lifecycle button', async () => {
    await open();
    expect(text('meeting-transition-scheduled')).toBe('Lên lịch họp');
    one('meeting-transition-scheduled').click();
    const request = http.expectOne(`/api/meetings/${MEETING_ID}/transitions`);
    expect(request.request.body).toEqual({ to: 'scheduled' });
    request.flush(meetingDetailStub({ status: 'scheduled', allowedTransitions: ['live', 'cancelled'] }));
    await stable();
    expect(text('meeting-page-status')).toBe('Đã lên lịch');
    expect(text('meeting-transition-live')).toBe('Bắt đầu họp');
    expect(all('meeting-transition-scheduled')).toHaveLength(0);
  });

  it('asks for a reason before cancelling a scheduled meeting', async () => {
    await open(meetingDetailStub({ status: 'scheduled', allowedTransitions: ['live', 'cancelled'] }));
    one('meeting-transition-cancelled').click();
    await stable();
    one('cancel-confirm').click();
    await stable();
    http.expectNone(`/api/meetings/${MEETING_ID}/transitions`);
    expect(document.querySelector('mat-error')?.textContent).toContain('Vui lòng nhập thông tin này');

    const reason = one('cancel-reason') as HTMLTextAreaElement;
    reason.value = 'Trùng lịch tiếp dân';
    reason.dispatchEvent(new Event('input'));
    one('cancel-confirm').click();
    const request = await nextRequest(`/api/meetings/${MEETING_ID}/transitions`);
    expect(request.request.body).toEqual({ to: 'cancelled', reason: 'Trùng lịch tiếp dân' });
    request.flush(
      meetingDetailStub({ status: 'cancelled', allowedTransitions: [], cancelReason: 'Trùng lịch tiếp dân' }),
    );
    await stable();
    expect(text('meeting-page-status')).toBe('Đã hủy');
    expect(text('meeting-cancel-reason')).toBe('Trùng lịch tiếp dân');
  });

  it('reorders the agenda with the keyboard buttons, and puts it back if the server refuses', async () => {
    await open();
    const [opening] = all('agenda-item');
    one('agenda-move-down', opening).click();
    await stable();
    expect(agendaTitles()).toEqual(['Dự toán ngân sách năm 2027', 'Khai mạc', 'Bế mạc']);
    const request = http.expectOne(`/api/meetings/${MEETING_ID}/agenda/order`);
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ itemIds: [ITEM_IDS[1], ITEM_IDS[0], ITEM_IDS[2]] });
    request.flush([]);
    await stable();

    const [first] = all('agenda-item');
    expect(one('agenda-move-up', first).hasAttribute('disabled')).toBe(true);
    one('agenda-move-down', all('agenda-item')[1]).click();
    await stable();
    expect(agendaTitles()).toEqual(['Dự toán ngân sách năm 2027', 'Bế mạc', 'Khai mạc']);
    http
      .expectOne(`/api/meetings/${MEETING_ID}/agenda/order`)
      .flush(
        { code: 'CONFLICT', message: 'Cuộc họp đã kết thúc / The meeting is closed' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable();
    expect(agendaTitles()).toEqual(['Dự toán ngân sách năm 2027', 'Khai mạc', 'Bế mạc']);
    expect(text('agenda-error')).toBe('Cuộc họp đã kết thúc');
  });

  it('reorders the agenda by drag and drop', async () => {
    await open();
    const list = harness.fixture.debugElement.query(By.directive(AgendaList));
    (list.componentInstance as unknown as { drop(event: object): void }).drop({ previousIndex: 2, currentIndex: 0 });
    await stable();
    expect(agendaTitles()).toEqual(['Bế mạc', 'Khai mạc', 'Dự toán ngân sách năm 2027']);
    expect(http.expectOne(`/api/meetings/${MEETING_ID}/agenda/order`).request.body).toEqual({
      itemIds: [ITEM_IDS[2], ITEM_IDS[0], ITEM_IDS[1]],
    });
  });

  it('adds an agenda item through the dialog', async () => {
    await open();
    one('agenda-add').click();
    await stable();
    const title = one('agenda-form-title') as HTMLInputElement;
    title.value = 'Báo cáo kinh tế - xã hội';
    title.dispatchEvent(new Event('input'));
    const minutes = one('agenda-form-minutes') as HTMLInputElement;
    minutes.value = '30';
    minutes.dispatchEvent(new Event('input'));
    one('agenda-form').dispatchEvent(new Event('submit'));
    const request = http.expectOne(`/api/meetings/${MEETING_ID}/agenda`);
    expect(request.request.body).toEqual({
      title: 'Báo cáo kinh tế - xã hội',
      presenter: null,
      plannedMinutes: 30,
      description: null,
    });
    request.flush({
      id: '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ca004',
      position: 4,
      title: 'Báo cáo kinh tế - xã hội',
      presenter: null,
      plannedMinutes: 30,
      description: null,
    });
    await waitFor(() => all('agenda-form').length === 0);
    expect(agendaTitles()).toEqual(['Khai mạc', 'Dự toán ngân sách năm 2027', 'Bế mạc', 'Báo cáo kinh tế - xã hội']);
  });

  it('adds a participant found by name without diacritics', async () => {
    await open();
    const search = one('participant-search') as HTMLInputElement;
    search.focus();
    search.value = 'dai bieu 2';
    search.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const user: UserSummaryResponse = {
      id: USER_IDS.delegate2,
      username: 'daibieu2',
      displayName: 'Lê Thị Đại Biểu',
      role: 'delegate',
      unit: { id: 'unit-x', name: 'Xã An Bình', kind: 'commune' },
      hasEmail: false,
    };
    const lookup = http.expectOne((req) => req.url === '/api/users');
    expect(lookup.request.params.get('search')).toBe('dai bieu 2');
    lookup.flush([user]);
    await stable();
    one('participant-option').click();
    await stable();

    const add = http.expectOne(`/api/meetings/${MEETING_ID}/participants`);
    expect(add.request.body).toEqual({ userId: USER_IDS.delegate2 });
    add.flush(participantStub({ id: 'p-new', userId: USER_IDS.delegate2, displayName: user.displayName }));
    await stable();
    const withNew = meetingDetailStub();
    withNew.participants.push(
      participantStub({
        id: 'p-new',
        userId: USER_IDS.delegate2,
        displayName: user.displayName,
        meetingRole: 'delegate',
      }),
    );
    http.expectOne(`/api/meetings/${MEETING_ID}`).flush(withNew);
    await stable();
    expect(all('participant-name').map((e) => e.textContent?.trim())).toContain('Lê Thị Đại Biểu');
  });

  it("changes a participant's role and removes a participant after confirming", async () => {
    await open();
    const delegate = all('participant')[1];
    one('participant-role', delegate).click();
    await stable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.trim() === 'Chủ tọa')
      ?.click();
    const patch = http.expectOne(`/api/meetings/${MEETING_ID}/participants/p-delegate`);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ meetingRole: 'chair' });
    patch.flush(participantStub({ id: 'p-delegate', meetingRole: 'chair' }));
    await stable();
    http.expectOne(`/api/meetings/${MEETING_ID}`).flush(meetingDetailStub());
    await stable();

    one('participant-remove', all('participant')[1]).click();
    await stable();
    expect(document.querySelector('mat-dialog-container')?.textContent).toContain('Bỏ Trần Văn Đại khỏi cuộc họp?');
    one('confirm-yes').click();
    const remove = await nextRequest(`/api/meetings/${MEETING_ID}/participants/p-delegate`);
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    http.expectOne(`/api/meetings/${MEETING_ID}`).flush(meetingDetailStub({ participants: [participantStub()] }));
    await stable();
    expect(all('participant-name').map((e) => e.textContent?.trim())).toEqual(['Nguyễn Thị Thư']);
  });

  it('deletes an agenda item only after confirming', async () => {
    await open();
    one('agenda-delete', all('agenda-item')[2]).click();
    await stable();
    one('confirm-no').click();
    await waitFor(() => all('confirm-no').length === 0);
    http.expectNone(`/api/meetings/${MEETING_ID}/agenda/${ITEM_IDS[2]}`);

    one('agenda-delete', all('agenda-item')[2]).click();
    await stable();
    one('confirm-yes').click();
    const request = await nextRequest(`/api/meetings/${MEETING_ID}/agenda/${ITEM_IDS[2]}`);
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(agendaTitles()).toEqual(['Khai mạc', 'Dự toán ngân sách năm 2027']);
    http.expectOne(`/api/meetings/${MEETING_ID}/documents`).flush([documentStub()]);
  });

  it('shows the server-side processing of a document and follows it until ready', async () => {
    await open(meetingDetailStub(), [
      documentStub({ status: 'processing', stage: 'converting', progress: 40, currentVersion: null, pageCount: 0 }),
    ]);
    const doc = one('document');
    expect(doc.getAttribute('data-status')).toBe('processing');
    expect(text('document-processing')).toContain('Chuyển sang PDF · 40%');
    expect(all('document-open')).toHaveLength(0);

    (await nextRequest(`/api/meetings/${MEETING_ID}/documents`)).flush([
      documentStub({ status: 'processing', stage: 'thumbnails', progress: 80, currentVersion: null, pageCount: 0 }),
    ]);
    await stable();
    expect(text('document-processing')).toContain('Tạo ảnh thu nhỏ · 80%');

    (await nextRequest(`/api/meetings/${MEETING_ID}/documents`)).flush([documentStub()]);
    await stable();
    expect(one('document').getAttribute('data-status')).toBe('ready');
    expect(text('document-open')).toBe('Tờ trình dự toán ngân sách');
    // Ready: no more polling.
    await new Promise((resolve) => setTimeout(resolve, 50));
    http.expectNone(`/api/meetings/${MEETING_ID}/documents`);
  });
});
