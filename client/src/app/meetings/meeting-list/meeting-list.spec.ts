import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ErrorResponse, MeetingResponse } from '@app/shared';
import { provideRouter } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { meetingStub, pastMeetingStub } from '../../../testing/meeting.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { sessionUserStub } from '../../../testing/user.stub';
import { AuthStore } from '../../core/auth/auth-store';
import { errorResponseInterceptor } from '../../core/http/error-response-interceptor';
import { MeetingsStore } from '../meetings-store';
import { MeetingList } from './meeting-list';

describe('MeetingList', () => {
  let fixture: ComponentFixture<MeetingList>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [MeetingList, translocoTesting()],
      providers: [
        MeetingsStore,
        provideRouter([]),
        provideHttpClient(withInterceptors([errorResponseInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MeetingList);
  });

  afterEach(() => http.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string, root: ParentNode = page()) =>
    Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const text = (id: string, root: ParentNode = page()) => byTestId(id, root)[0]?.textContent?.trim() ?? null;
  const cardIn = (section: string) => byTestId('meeting-card', byTestId(section)[0]);

  async function respond(body: MeetingResponse[]): Promise<void> {
    const request = http.expectOne('/api/meetings');
    expect(request.request.method).toBe('GET');
    request.flush(body);
    await fixture.whenStable();
  }

  async function fail(body: ErrorResponse, status: number): Promise<void> {
    http.expectOne('/api/meetings').flush(body, { status, statusText: 'Error' });
    await fixture.whenStable();
  }

  it('shows a progress bar until the meetings arrive', async () => {
    await fixture.whenStable();
    expect(byTestId('meetings-loading')).toHaveLength(1);
    expect(byTestId('meeting-card')).toHaveLength(0);

    await respond([meetingStub()]);

    expect(byTestId('meetings-loading')).toHaveLength(0);
    expect(byTestId('meeting-card')).toHaveLength(1);
  });

  it('renders each meeting with its real fields and Vietnamese labels', async () => {
    await respond([pastMeetingStub(), meetingStub()]);

    expect(page().querySelector('h1')?.textContent).toContain('Cuộc họp');
    expect(text('meetings-upcoming')).toContain('Sắp diễn ra');
    expect(text('meetings-past')).toContain('Đã diễn ra');

    const [upcoming] = cardIn('meetings-upcoming');
    expect(text('meeting-title', upcoming)).toBe('Kỳ họp thứ 12 Hội đồng nhân dân huyện');
    expect(text('meeting-date', upcoming)).toBe('Thứ Năm, 13 tháng 6, 2030');
    expect(text('meeting-hours', upcoming)).toBe('08:00–11:30');
    expect(text('meeting-place', upcoming)).toBe('Hội trường Ủy ban nhân dân huyện');
    expect(text('meeting-mode', upcoming)).toBe('Trực tiếp');
    expect(text('meeting-status', upcoming)).toBe('Đã lên lịch');
    expect(text('meeting-organiser', upcoming)).toBe('Văn phòng HĐND và UBND huyện');
    expect(text('meeting-agenda-count', upcoming)).toBe('7');
    expect(text('meeting-document-count', upcoming)).toBe('12');
    for (const label of ['Thời gian', 'Địa điểm', 'Đơn vị chủ trì', 'Nội dung chương trình', 'Tài liệu']) {
      expect(upcoming.textContent).toContain(label);
    }

    const [past] = cardIn('meetings-past');
    expect(text('meeting-title', past)).toBe('Giao ban công tác tháng 5');
    expect(text('meeting-date', past)).toBe('Thứ Năm, 28 tháng 5, 2020');
    expect(text('meeting-hours', past)).toBe('14:00–16:00');
    expect(text('meeting-mode', past)).toBe('Trực tuyến');
    expect(text('meeting-status', past)).toBe('Đã kết thúc');
    expect(text('meeting-organiser', past)).toBe('UBND xã Tân Lập');
  });

  it('lists upcoming meetings soonest first and past meetings most recent first', async () => {
    await respond([
      pastMeetingStub({ id: 'old', title: 'Old', startsAt: '2020-01-01T01:00:00Z', endsAt: '2020-01-01T02:00:00Z' }),
      pastMeetingStub({ id: 'recent', title: 'Recent' }),
      meetingStub({ id: 'soon', title: 'Soon', startsAt: '2030-01-01T01:00:00Z', endsAt: '2030-01-01T02:00:00Z' }),
      meetingStub({ id: 'later', title: 'Later' }),
    ]);

    expect(cardIn('meetings-upcoming').map((card) => text('meeting-title', card))).toEqual(['Soon', 'Later']);
    expect(cardIn('meetings-past').map((card) => text('meeting-title', card))).toEqual(['Recent', 'Old']);
  });

  it('keeps a live meeting under upcoming even when it overruns its end time', async () => {
    await respond([pastMeetingStub({ status: 'live', title: 'Overrunning' })]);

    expect(cardIn('meetings-upcoming').map((card) => text('meeting-status', card))).toEqual(['Đang diễn ra']);
    expect(cardIn('meetings-past')).toHaveLength(0);
    expect(text('meetings-past')).toContain('Chưa có cuộc họp nào đã diễn ra.');
  });

  it('switches every label, chip and date to English', async () => {
    await respond([meetingStub({ mode: 'hybrid' })]);

    TestBed.inject(TranslocoService).setActiveLang('en');
    await fixture.whenStable();

    const [card] = byTestId('meeting-card');
    expect(page().querySelector('h1')?.textContent).toContain('Meetings');
    expect(text('meetings-upcoming')).toContain('Upcoming');
    expect(text('meeting-status', card)).toBe('Scheduled');
    expect(text('meeting-mode', card)).toBe('Hybrid');
    expect(text('meeting-date', card)).toBe('Thursday, June 13, 2030');
    expect(text('meeting-hours', card)).toMatch(/^8:00\sAM–11:30\sAM$/);
    for (const label of ['Time', 'Place', 'Organiser', 'Agenda items', 'Documents']) {
      expect(card.textContent).toContain(label);
    }
    expect(card.textContent).not.toContain('Địa điểm');
    // Data is not translated: the meeting keeps its Vietnamese title.
    expect(text('meeting-title', card)).toBe('Kỳ họp thứ 12 Hội đồng nhân dân huyện');
  });

  it('says so when there are no meetings', async () => {
    await respond([]);

    expect(text('meetings-empty')).toBe('Chưa có cuộc họp nào.');
    expect(byTestId('meetings-upcoming')).toHaveLength(0);
    expect(byTestId('meetings-error')).toHaveLength(0);
  });

  it("shows the server's error message, and retry fetches again", async () => {
    await fail({ code: 'UNAVAILABLE', message: 'Máy chủ đang bảo trì, vui lòng quay lại sau.' }, 503);

    const [error] = byTestId('meetings-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Không tải được danh sách cuộc họp');
    expect(text('meetings-error-message')).toBe('Máy chủ đang bảo trì, vui lòng quay lại sau.');
    expect(text('meetings-retry')).toBe('Thử lại');
    expect(byTestId('meeting-card')).toHaveLength(0);

    byTestId('meetings-retry')[0].click();
    await fixture.whenStable();
    expect(byTestId('meetings-error')).toHaveLength(0);
    expect(byTestId('meetings-loading')).toHaveLength(1);

    await respond([meetingStub()]);
    expect(byTestId('meetings-error')).toHaveLength(0);
    expect(text('meeting-title')).toBe('Kỳ họp thứ 12 Hội đồng nhân dân huyện');
  });

  it('explains a network failure in the active language', async () => {
    await fixture.whenStable();
    http.expectOne('/api/meetings').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();

    expect(text('meetings-error-message')).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');
  });

  it('links each card to its meeting page', async () => {
    await respond([meetingStub({ id: 'mtg-7' })]);
    const link = byTestId('meeting-title')[0] as HTMLAnchorElement;
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe('/meetings/mtg-7');
  });

  it("shows the caller's role in the meeting when the server sends it", async () => {
    await respond([meetingStub({ myRole: 'delegate' })]);
    expect(text('meeting-my-role')).toBe('Đại biểu');
  });

  it('offers "new meeting" to secretaries, chairs and admins only', async () => {
    await respond([]);
    expect(byTestId('meeting-create')).toHaveLength(0);

    const login = firstValueFrom(TestBed.inject(AuthStore).login({ username: 'thuky', password: 'x' }));
    http.expectOne('/api/auth/login').flush(sessionUserStub({ role: 'secretary' }));
    await login;
    await fixture.whenStable();

    expect(text('meeting-create')).toBe('Tạo cuộc họp');
    expect(byTestId('meeting-create')[0].getAttribute('href')).toBe('/meetings/new');
  });

  it('shows a bilingual server message in the active language only', async () => {
    await fail({ code: 'INTERNAL', message: 'Lỗi máy chủ / Server error' }, 500);
    expect(text('meetings-error-message')).toBe('Lỗi máy chủ');
  });
});
