import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AuditEntryResponse } from '@app/shared';
import { TranslocoService } from '@jsverse/transloco';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { AuditPage } from './audit-page';

const ACTOR = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0cb001';

function entry(overrides: Partial<AuditEntryResponse>): AuditEntryResponse {
  return {
    id: 1,
    at: '2026-11-23T01:30:00.000Z',
    action: 'auth.login',
    actorId: ACTOR,
    actorName: 'thuky',
    meetingId: null,
    subjectId: null,
    ip: '10.0.0.5',
    details: null,
    ...overrides,
  };
}

describe('AuditPage', () => {
  let fixture: ComponentFixture<AuditPage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [AuditPage, translocoTesting()], providers: [provideAppHttpTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditPage);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (id: string) => Array.from(el().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => all(id)[0];
  const auditRequest = () => http.expectOne((req) => req.url === '/api/audit');
  async function answer(request: TestRequest, entries: AuditEntryResponse[], total = entries.length): Promise<void> {
    request.flush({ total, entries });
    await fixture.whenStable();
  }

  it('lists the newest events first with translated actions, 50 per page', async () => {
    const request = auditRequest();
    expect(request.request.params.get('limit')).toBe('50');
    expect(request.request.params.get('offset')).toBe('0');
    await answer(request, [
      entry({ id: 2, action: 'document.uploaded', details: { title: 'Tờ trình' } }),
      entry({ id: 1, action: 'auth.login_failed', actorId: null, actorName: 'ai-do' }),
    ]);
    expect(all('audit-row')).toHaveLength(2);
    expect(all('audit-action').map((e) => e.textContent?.trim())).toEqual(['Tải tài liệu lên', 'Đăng nhập sai']);
    expect(all('audit-actor').map((e) => e.textContent?.trim())).toEqual(['thuky', 'ai-do']);
    expect(el().textContent).toContain('23 thg 11, 2026');
    expect(el().textContent).toContain('{"title":"Tờ trình"}');
  });

  it('filters by action and whole Hà Nội days, from the first page', async () => {
    await answer(auditRequest(), [entry({})], 120);
    one('audit-filter-action').click();
    await fixture.whenStable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.trim() === 'Đổi trạng thái cuộc họp')
      ?.click();
    for (const [id, value] of [
      ['audit-filter-from', '2026-11-01'],
      ['audit-filter-to', '2026-11-23'],
    ]) {
      const input = one(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    el().querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = auditRequest();
    expect(request.request.params.get('action')).toBe('meeting.status_changed');
    expect(request.request.params.get('from')).toBe('2026-11-01T00:00:00+07:00');
    expect(request.request.params.get('to')).toBe('2026-11-23T23:59:59+07:00');
    expect(request.request.params.get('offset')).toBe('0');
    await answer(request, []);
    expect(one('audit-empty')?.textContent?.trim()).toBe('Không có sự kiện nào.');
  });

  it('refuses a date range that ends before it starts', async () => {
    await answer(auditRequest(), []);
    for (const [id, value] of [
      ['audit-filter-from', '2026-11-23'],
      ['audit-filter-to', '2026-11-01'],
    ]) {
      const input = one(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    el().querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectNone((req) => req.url === '/api/audit');
    expect(one('audit-range-invalid')?.textContent?.trim()).toBe('Ngày bắt đầu phải trước ngày kết thúc.');
  });

  it('filters by a user picked by name', async () => {
    await answer(auditRequest(), []);
    const input = one('audit-filter-user') as HTMLInputElement;
    input.focus();
    input.value = 'thu ky';
    input.dispatchEvent(new Event('input'));
    let lookup: TestRequest[] = [];
    await waitFor(() => (lookup = http.match((req) => req.url === '/api/users')).length > 0);
    lookup[0].flush([
      {
        id: ACTOR,
        username: 'thuky',
        displayName: 'Nguyễn Thị Thu',
        role: 'secretary',
        unit: { id: 'u', name: 'Huyện', kind: 'district' },
        hasEmail: true,
      },
    ]);
    await fixture.whenStable();
    document.querySelector<HTMLElement>('mat-option')?.click();
    await fixture.whenStable();
    expect(input.value).toBe('Nguyễn Thị Thu (thuky)');
    el().querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = auditRequest();
    expect(request.request.params.get('actorId')).toBe(ACTOR);
    await answer(request, []);
  });

  it('pages through the log and labels the paginator in the active language', async () => {
    await answer(auditRequest(), [entry({})], 120);
    expect(el().querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim()).toBe('1–50 / 120');
    el().querySelector<HTMLButtonElement>('.mat-mdc-paginator-navigation-next')?.click();
    const request = auditRequest();
    expect(request.request.params.get('offset')).toBe('50');
    await answer(request, [entry({})], 120);
    expect(el().querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim()).toBe('51–100 / 120');

    TestBed.inject(TranslocoService).setActiveLang('en');
    await fixture.whenStable();
    expect(el().querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim()).toBe('51–100 of 120');
    expect(all('audit-action')[0].textContent?.trim()).toBe('Log in');
  });

  it("shows the server's refusal", async () => {
    auditRequest().flush(
      { code: 'FORBIDDEN', message: 'Tài khoản không có quyền này / Your account may not do this' },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();
    expect(one('audit-error')?.textContent?.trim()).toBe('Tài khoản không có quyền này');
  });
});
