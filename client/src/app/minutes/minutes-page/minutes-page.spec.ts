import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MeetingDetailResponse, MinutesResponse } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { MEETING_ID, meetingDetailStub } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { MinutesPage } from './minutes-page';

const BODY = [
  '# HUYỆN SÔNG LAM || # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  '# BIÊN BẢN CUỘC HỌP',
  '## I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC',
  '- Địa điểm: Phòng họp số 2.',
  '\\# không phải đề mục',
].join('\n');

function minutesStub(overrides: Partial<MinutesResponse> = {}): MinutesResponse {
  return {
    meetingId: MEETING_ID,
    status: 'draft',
    body: BODY,
    version: 2,
    generatedAt: '2026-11-23T01:00:00.000Z',
    updatedAt: '2026-11-23T02:00:00.000Z',
    updatedByName: 'Nguyễn Thị Thư',
    finalizedAt: null,
    ...overrides,
  };
}

const NOT_FOUND = { status: 404, statusText: 'Not Found' };
const CONFLICT = { status: 409, statusText: 'Conflict' };

describe('MinutesPage', () => {
  let fixture: ComponentFixture<MinutesPage>;
  let http: HttpTestingController;

  async function open(meeting: MeetingDetailResponse, minutes: MinutesResponse | null) {
    TestBed.configureTestingModule({
      imports: [MinutesPage, translocoTesting()],
      providers: [provideAppHttpTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MinutesPage);
    fixture.componentRef.setInput('meetingId', meeting.id);
    await fixture.whenStable();
    http.expectOne(`/api/meetings/${meeting.id}`).flush(meeting);
    const request = http.expectOne(`/api/meetings/${meeting.id}/minutes`);
    if (minutes) request.flush(minutes);
    else request.flush({ code: 'NOT_FOUND', message: 'Chưa có / None' }, NOT_FOUND);
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  const one = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const stable = () => fixture.whenStable();
  const type = async (value: string) => {
    const area = one('minutes-text') as HTMLTextAreaElement;
    area.value = value;
    area.dispatchEvent(new Event('input'));
    await stable();
  };
  const disabled = (id: string) => one(id)?.hasAttribute('disabled');
  async function nextRequest(url: string): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await waitFor(() => (found = http.match(url)).length > 0);
    return found[0];
  }

  it('drafts the minutes of a live meeting with a visible progress, then shows the text to edit', async () => {
    await open(meetingDetailStub({ status: 'live' }), null);
    expect(text('minutes-empty')).toBe('Cuộc họp chưa có biên bản. Hãy lập dự thảo từ dữ liệu cuộc họp.');
    expect(one('minutes-pdf')).toBeNull();
    expect(text('minutes-generate')).toBe('Lập dự thảo biên bản');

    one('minutes-generate')?.click();
    await stable();
    const request = http.expectOne(`/api/meetings/${MEETING_ID}/minutes/draft`);
    expect(request.request.method).toBe('POST');
    expect(text('minutes-generating')).toBe('Đang lập dự thảo từ dữ liệu cuộc họp…');
    expect(one('minutes-generating')?.querySelector('mat-progress-spinner')).not.toBeNull();
    expect(disabled('minutes-generate')).toBe(true);

    request.flush(minutesStub({ version: 1 }));
    await stable();
    expect(one('minutes-generating')).toBeNull();
    expect((one('minutes-text') as HTMLTextAreaElement).value).toBe(BODY);
    expect(text('minutes-status')).toBe('Dự thảo');
    expect(text('minutes-generate')).toBe('Lập lại dự thảo');
    // Nothing changed yet; finalizing waits for the meeting to close.
    expect(disabled('minutes-save')).toBe(true);
    expect(disabled('minutes-finalize')).toBe(true);
    expect(text('minutes-finalize-hint')).toBe('Biên bản được hoàn tất sau khi cuộc họp kết thúc.');
    expect(one('minutes-pdf')?.getAttribute('href')).toBe(`/api/meetings/${MEETING_ID}/minutes.pdf`);
  });

  it('asks before drafting again over an existing text', async () => {
    await open(meetingDetailStub({ status: 'closed' }), minutesStub());
    one('minutes-generate')?.click();
    await stable();
    http.expectNone(`/api/meetings/${MEETING_ID}/minutes/draft`);
    (document.querySelector('[data-testid="confirm-yes"]') as HTMLElement).click();
    const request = await nextRequest(`/api/meetings/${MEETING_ID}/minutes/draft`);
    request.flush(minutesStub({ version: 3, body: 'Bản mới' }));
    await stable();
    expect((one('minutes-text') as HTMLTextAreaElement).value).toBe('Bản mới');
  });

  it('saves with the version it was based on; on a stale version it offers both texts', async () => {
    await open(meetingDetailStub({ status: 'closed' }), minutesStub());
    await type(`${BODY}\nÝ kiến bổ sung.`);
    expect(disabled('minutes-finalize')).toBe(true);
    one('minutes-save')?.click();
    const save = http.expectOne(`/api/meetings/${MEETING_ID}/minutes`);
    expect(save.request.method).toBe('PUT');
    expect(save.request.body).toEqual({ body: `${BODY}\nÝ kiến bổ sung.`, version: 2 });
    save.flush({ code: 'CONFLICT', message: 'Biên bản đã được người khác sửa / Changed by someone else' }, CONFLICT);
    await stable();
    http
      .expectOne(`/api/meetings/${MEETING_ID}/minutes`)
      .flush(minutesStub({ version: 3, body: 'Bản của chủ trì', updatedByName: 'Trần Văn Đức' }));
    await stable();
    expect(text('minutes-conflict')).toContain('Trần Văn Đức vừa lưu biên bản (phiên bản 3) trong khi bạn đang sửa.');

    // Keep mine: saved over version 3.
    one('minutes-keep-mine')?.click();
    await stable();
    expect(one('minutes-conflict')).toBeNull();
    one('minutes-save')?.click();
    const again = http.expectOne(`/api/meetings/${MEETING_ID}/minutes`);
    expect(again.request.body).toEqual({ body: `${BODY}\nÝ kiến bổ sung.`, version: 3 });
    again.flush(minutesStub({ version: 4, body: `${BODY}\nÝ kiến bổ sung.` }));
    await stable();
    expect(text('minutes-saved')).toBe('Đã lưu.');
    expect(disabled('minutes-save')).toBe(true);
    expect(disabled('minutes-finalize')).toBe(false);
  });

  it('takes the newer text when asked to, dropping the edits', async () => {
    await open(meetingDetailStub({ status: 'closed' }), minutesStub());
    await type('Bản của tôi');
    one('minutes-save')?.click();
    http
      .expectOne(`/api/meetings/${MEETING_ID}/minutes`)
      .flush({ code: 'CONFLICT', message: 'Đã sửa / Changed' }, CONFLICT);
    await stable();
    http.expectOne(`/api/meetings/${MEETING_ID}/minutes`).flush(minutesStub({ version: 5, body: 'Bản của chủ trì' }));
    await stable();
    one('minutes-take-theirs')?.click();
    await stable();
    expect((one('minutes-text') as HTMLTextAreaElement).value).toBe('Bản của chủ trì');
    expect(one('minutes-conflict')).toBeNull();
    expect(one('minutes-error')).toBeNull();
  });

  it('refuses an empty text before sending it', async () => {
    await open(meetingDetailStub({ status: 'closed' }), minutesStub());
    await type('   ');
    expect(text('minutes-problem')).toBe('Biên bản không được để trống.');
    expect(disabled('minutes-save')).toBe(true);
  });

  it('finalizes after confirmation; the final minutes are read-only', async () => {
    await open(meetingDetailStub({ status: 'closed' }), minutesStub());
    one('minutes-finalize')?.click();
    await stable();
    (document.querySelector('[data-testid="confirm-yes"]') as HTMLElement).click();
    const request = await nextRequest(`/api/meetings/${MEETING_ID}/minutes/finalize`);
    expect(request.request.body).toEqual({ version: 2 });
    request.flush(minutesStub({ status: 'final', version: 3, finalizedAt: '2026-11-23T05:00:00.000Z' }));
    await stable();
    expect(text('minutes-status')).toBe('Đã hoàn tất');
    expect(one('minutes-text')).toBeNull();
    expect(one('minutes-generate')).toBeNull();
    expect(one('minutes-save')).toBeNull();
    expect(one('minutes-view')).not.toBeNull();
  });

  it('shows a delegate the final minutes laid out as the PDF, with the PDF to download', async () => {
    await open(meetingDetailStub({ status: 'closed', myRole: 'delegate' }), minutesStub({ status: 'final' }));
    const view = one('minutes-view') as HTMLElement;
    expect(view.querySelector('h2')?.textContent).toBe('I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC');
    expect(Array.from(view.querySelectorAll('.columns .cell')).map((c) => c.textContent)).toEqual([
      'HUYỆN SÔNG LAM',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ]);
    expect(view.querySelector('.bullet')?.textContent).toBe('Địa điểm: Phòng họp số 2.');
    expect(view.textContent).toContain('# không phải đề mục');
    expect(one('minutes-pdf')?.getAttribute('href')).toBe(`/api/meetings/${MEETING_ID}/minutes.pdf`);
    expect(one('minutes-generate')).toBeNull();
    expect(one('minutes-text')).toBeNull();
  });

  it('tells a delegate the minutes are not final yet', async () => {
    await open(meetingDetailStub({ status: 'live', myRole: 'delegate' }), null);
    expect(text('minutes-empty')).toBe('Biên bản chưa được hoàn tất.');
    expect(one('minutes-pdf')).toBeNull();
    expect(one('minutes-generate')).toBeNull();
  });
});
