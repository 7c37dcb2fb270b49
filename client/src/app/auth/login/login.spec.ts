import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoService } from '@jsverse/transloco';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { translocoTesting } from '../../../testing/transloco-testing';
import { sessionUserStub } from '../../../testing/user.stub';
import { AuthStore } from '../../core/auth/auth-store';
import { Login } from './login';

@Component({ template: 'meeting page', changeDetection: ChangeDetectionStrategy.OnPush })
class Landing {}

describe('Login', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([
          { path: 'login', component: Login },
          { path: 'meetings', component: Landing },
          { path: 'meetings/:id', component: Landing },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/login?returnUrl=%2Fmeetings%2Fm-1');
  });

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const byTestId = (id: string) => page().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  function type(id: string, value: string): void {
    const input = byTestId(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  async function submit(): Promise<void> {
    byTestId('login-form')?.dispatchEvent(new Event('submit'));
    await harness.fixture.whenStable();
  }

  it('shows a labelled form in Vietnamese', () => {
    expect(page().querySelector('h1')?.textContent).toContain('Đăng nhập');
    expect(page().textContent).toContain('Tên đăng nhập');
    expect(page().textContent).toContain('Mật khẩu');
    expect(byTestId('login-password')?.getAttribute('type')).toBe('password');
    expect(byTestId('login-password-toggle')?.getAttribute('aria-label')).toBe('Hiện mật khẩu');
  });

  it('says what is missing without calling the server', async () => {
    await submit();
    http.expectNone('/api/auth/login');
    expect(page().querySelectorAll('mat-error')).toHaveLength(2);
    expect(page().querySelector('mat-error')?.textContent).toContain('Vui lòng nhập thông tin này');
  });

  it('logs in and returns to the page the user came from', async () => {
    type('login-username', ' thuky ');
    type('login-password', 'secret-password');
    await submit();

    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ username: 'thuky', password: 'secret-password' });
    request.flush(sessionUserStub());
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/meetings/m-1');
    expect(TestBed.inject(AuthStore).user()?.displayName).toBe('Nguyễn Thị Thư');
  });

  it("shows the server's reason in Vietnamese, or in English once switched, and clears the password", async () => {
    type('login-username', 'thuky');
    type('login-password', 'wrong');
    await submit();
    http
      .expectOne('/api/auth/login')
      .flush(
        { code: 'UNAUTHENTICATED', message: 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await harness.fixture.whenStable();

    const alert = byTestId('login-error');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent?.trim()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect((byTestId('login-password') as HTMLInputElement).value).toBe('');
    // A wrong password is not an expired session: we stay here.
    expect(TestBed.inject(Router).url).toContain('/login');

    TestBed.inject(TranslocoService).setActiveLang('en');
    await harness.fixture.whenStable();
    expect(byTestId('login-error')?.textContent?.trim()).toBe('Wrong username or password');
  });

  it('explains a rate limit separately from a wrong password', async () => {
    type('login-username', 'thuky');
    type('login-password', 'wrong');
    await submit();
    http.expectOne('/api/auth/login').flush(
      {
        code: 'RATE_LIMITED',
        message: 'Quá nhiều lần đăng nhập, thử lại sau 600 giây / Too many login attempts, retry in 600 s',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await harness.fixture.whenStable();

    expect(byTestId('login-error')).toBeNull();
    const alert = byTestId('login-rate-limited');
    expect(alert?.textContent).toContain('Tạm khóa đăng nhập');
    expect(alert?.textContent).toContain('Quá nhiều lần đăng nhập, thử lại sau 600 giây');
  });

  it('shows and hides the password', async () => {
    byTestId('login-password-toggle')?.click();
    await harness.fixture.whenStable();
    expect(byTestId('login-password')?.getAttribute('type')).toBe('text');
    expect(byTestId('login-password-toggle')?.getAttribute('aria-label')).toBe('Ẩn mật khẩu');
  });
});

describe('Login after an expired session', () => {
  it('tells the user why they are here', async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideAppHttpTesting(), provideRouter([{ path: 'login', component: Login }])],
    });
    const harness = await RouterTestingHarness.create('/login?expired=1');
    expect(harness.routeNativeElement?.querySelector('[data-testid="login-expired"]')?.textContent).toContain(
      'Phiên làm việc đã hết hạn',
    );
  });
});
