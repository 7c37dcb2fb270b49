import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { DISTRICT_ID, MEETING_ID, meetingDetailStub } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { MeetingForm } from './meeting-form';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('MeetingForm', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  async function open(url: string): Promise<void> {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter(
          [
            { path: 'meetings/new', component: MeetingForm },
            { path: 'meetings/:meetingId/edit', component: MeetingForm },
            { path: 'meetings/:meetingId', component: Blank },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    http.expectOne('/api/units').flush([
      { id: DISTRICT_ID, name: 'Huyện Sông Lam', kind: 'district', parentId: null },
      { id: 'unit-an-binh', name: 'Xã An Bình', kind: 'commune', parentId: 'unit-district' },
    ]);
    await harness.fixture.whenStable();
  }

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const byTestId = (id: string) => page().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  function type(id: string, value: string): void {
    const input = byTestId(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  async function submit(): Promise<void> {
    byTestId('meeting-form')?.dispatchEvent(new Event('submit'));
    await harness.fixture.whenStable();
  }

  it('creates a meeting in Hà Nội time and opens it', async () => {
    await open('/meetings/new');
    expect(page().querySelector('h1')?.textContent).toContain('Tạo cuộc họp mới');
    type('meeting-form-title', '  Họp giao ban tháng 12 ');
    type('meeting-form-date', '2026-12-01');
    type('meeting-form-start', '08:30');
    type('meeting-form-end', '10:00');
    type('meeting-form-place', 'Phòng họp số 2');
    byTestId('meeting-form-mode-online')?.querySelector('button')?.click();
    await submit();

    const request = http.expectOne('/api/meetings');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      title: 'Họp giao ban tháng 12',
      startsAt: '2026-12-01T08:30:00+07:00',
      endsAt: '2026-12-01T10:00:00+07:00',
      place: 'Phòng họp số 2',
      mode: 'online',
    });
    request.flush(meetingDetailStub());
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe(`/meetings/${MEETING_ID}`);
  });

  it('checks the form with the shared schema and says what is wrong in Vietnamese', async () => {
    await open('/meetings/new');
    type('meeting-form-start', '10:00');
    type('meeting-form-end', '09:00');
    await submit();
    http.expectNone('/api/meetings');
    const errors = Array.from(page().querySelectorAll('mat-error')).map((e) => e.textContent?.trim());
    expect(errors).toContain('Vui lòng nhập thông tin này');

    type('meeting-form-title', 'Họp');
    type('meeting-form-place', 'Hội trường');
    type('meeting-form-date', '2026-12-01');
    await submit();
    http.expectNone('/api/meetings');
    expect(page().textContent).toContain('Giờ kết thúc phải sau giờ bắt đầu');
  });

  it("shows the server's refusal", async () => {
    await open('/meetings/new');
    type('meeting-form-title', 'Họp');
    type('meeting-form-date', '2026-12-01');
    type('meeting-form-place', 'Hội trường');
    await submit();
    http
      .expectOne('/api/meetings')
      .flush(
        { code: 'FORBIDDEN', message: 'Tài khoản không có quyền này / Your account may not do this' },
        { status: 403, statusText: 'Forbidden' },
      );
    await harness.fixture.whenStable();
    expect(byTestId('meeting-form-error')?.textContent?.trim()).toBe('Tài khoản không có quyền này');
  });

  it('edits an existing meeting, sending the changed fields through PATCH', async () => {
    await open(`/meetings/${MEETING_ID}/edit`);
    http.expectOne(`/api/meetings/${MEETING_ID}`).flush(meetingDetailStub());
    await harness.fixture.whenStable();
    expect((byTestId('meeting-form-title') as HTMLInputElement).value).toBe('Kỳ họp thứ 12 Hội đồng nhân dân huyện');
    expect((byTestId('meeting-form-date') as HTMLInputElement).value).toBe('2030-06-13');
    expect((byTestId('meeting-form-start') as HTMLInputElement).value).toBe('08:00');

    type('meeting-form-end', '12:00');
    await submit();
    const request = http.expectOne(`/api/meetings/${MEETING_ID}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toMatchObject({
      startsAt: '2030-06-13T08:00:00+07:00',
      endsAt: '2030-06-13T12:00:00+07:00',
      organiserUnitId: DISTRICT_ID,
    });
    request.flush(meetingDetailStub());
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe(`/meetings/${MEETING_ID}`);
  });
});
