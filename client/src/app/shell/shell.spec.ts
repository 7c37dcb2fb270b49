import { HttpTestingController } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { provideAppHttpTesting } from '../../testing/http-testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { sessionUserStub } from '../../testing/user.stub';
import { waitFor } from '../../testing/wait-for';
import { AuthStore } from '../core/auth/auth-store';
import { LANG_STORAGE_KEY } from '../core/i18n/language-preference';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Shell, translocoTesting()],
      providers: [provideRouter([]), provideAppHttpTesting()],
    });
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
  });

  const page = () => fixture.nativeElement as HTMLElement;
  const toggle = (lang: string) =>
    page().querySelector<HTMLButtonElement>(`[data-testid="language-${lang}"] button`) as HTMLButtonElement;

  it('shows the app name and the tagline in Vietnamese', () => {
    expect(page().querySelector('[data-testid="app-name"]')?.textContent?.trim()).toBe('e-Cabinet');
    expect(page().querySelector('mat-toolbar')?.textContent).toContain('Phòng họp không giấy');
    expect(page().querySelector('main router-outlet')).not.toBeNull();
  });

  it('offers both languages, each named in itself, Vietnamese selected', () => {
    const group = page().querySelector('[data-testid="language-switch"]');
    expect(group?.getAttribute('aria-label')).toBe('Ngôn ngữ');
    expect(toggle('vi').textContent?.trim()).toBe('Tiếng Việt');
    expect(toggle('en').textContent?.trim()).toBe('English');
    expect(page().querySelector('[data-testid="language-en"]')?.getAttribute('lang')).toBe('en');
    expect(toggle('vi').getAttribute('aria-checked')).toBe('true');
    expect(toggle('en').getAttribute('aria-checked')).toBe('false');
  });

  it('switches to English on tap: labels, <html lang> and the saved choice', async () => {
    toggle('en').click();
    await fixture.whenStable();

    expect(page().querySelector('mat-toolbar')?.textContent).toContain('Paperless meeting room');
    expect(page().querySelector('[data-testid="language-switch"]')?.getAttribute('aria-label')).toBe('Language');
    expect(toggle('en').getAttribute('aria-checked')).toBe('true');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
  });

  it('switches language from the keyboard with the arrow keys', async () => {
    toggle('vi').focus();
    toggle('vi').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', keyCode: 39, bubbles: true }));
    await fixture.whenStable();

    expect(document.activeElement).toBe(toggle('en'));
    expect(toggle('en').getAttribute('aria-checked')).toBe('true');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });

  it('shows no navigation or account menu before login', () => {
    expect(page().querySelector('[data-testid="user-menu"]')).toBeNull();
    expect(page().querySelector('[data-testid="notifications"]')).toBeNull();
    expect(page().querySelector('[data-testid="nav-meetings"]')).toBeNull();
  });
});

describe('Shell with a logged-in user', () => {
  let fixture: ComponentFixture<Shell>;
  let http: HttpTestingController;

  async function logIn(role: 'admin' | 'secretary'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [Shell, translocoTesting()],
      providers: [provideRouter([]), provideAppHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const login = firstValueFrom(TestBed.inject(AuthStore).login({ username: 'x', password: 'y' }));
    http.expectOne('/api/auth/login').flush(sessionUserStub({ role }));
    await login;
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    // The account menu is a deferred block: it loads once someone is logged in.
    await waitFor(() => fixture.nativeElement.querySelector('[data-testid="user-menu"]') !== null);
    // The notification bell asks for the notifications as soon as it shows.
    await waitFor(() => {
      const requests = http.match('/api/notifications');
      requests.forEach((request) => request.flush({ unreadCount: 0, items: [] }));
      return requests.length > 0;
    });
  }

  afterEach(() => http.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('names the user and links to the meetings, and to the audit log for admins only', async () => {
    await logIn('secretary');
    expect(page().querySelector('[data-testid="user-name"]')?.textContent).toContain('Nguyễn Thị Thư');
    expect(page().querySelector('[data-testid="nav-meetings"]')?.textContent).toContain('Cuộc họp');
    expect(page().querySelector('[data-testid="nav-audit"]')).toBeNull();
    expect(page().querySelector('[data-testid="notifications"]')?.getAttribute('aria-label')).toBe('Thông báo');
  });

  it('shows the audit link to an admin', async () => {
    await logIn('admin');
    expect(page().querySelector('[data-testid="nav-audit"]')?.textContent).toContain('Nhật ký hệ thống');
  });

  it('logs out from the account menu and goes to the login page', async () => {
    await logIn('secretary');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    page().querySelector<HTMLElement>('[data-testid="user-menu"]')?.click();
    await fixture.whenStable();
    expect(byTestId('user-change-password')?.textContent).toContain('Đổi mật khẩu');
    byTestId('user-logout')?.click();

    const request = http.expectOne('/api/auth/logout');
    expect(request.request.method).toBe('POST');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login']);
    expect(page().querySelector('[data-testid="user-menu"]')).toBeNull();
  });

  it('changes the password from the account menu', async () => {
    await logIn('secretary');
    page().querySelector<HTMLElement>('[data-testid="user-menu"]')?.click();
    await fixture.whenStable();
    byTestId('user-change-password')?.click();
    await fixture.whenStable();

    const type = (id: string, value: string) => {
      const input = byTestId(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('change-password-current', 'old-password-1');
    type('change-password-new', 'new-password-12');
    type('change-password-confirm', 'new-password-13');
    byTestId('change-password-form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    http.expectNone('/api/auth/password');
    expect(document.body.textContent).toContain('Hai mật khẩu mới không khớp');

    type('change-password-confirm', 'new-password-12');
    byTestId('change-password-form')?.dispatchEvent(new Event('submit'));
    const request = http.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({ currentPassword: 'old-password-1', newPassword: 'new-password-12' });
    request.flush(
      {
        code: 'VALIDATION_FAILED',
        message: 'Mật khẩu hiện tại không đúng / The current password is wrong',
        errors: [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng / The current password is wrong' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(document.body.textContent).toContain('Mật khẩu hiện tại không đúng');

    type('change-password-current', 'old-password-2');
    byTestId('change-password-form')?.dispatchEvent(new Event('submit'));
    http.expectOne('/api/auth/password').flush(null, { status: 204, statusText: 'No Content' });
    await waitFor(() => byTestId('change-password-form') === null);
    expect(document.body.textContent).toContain('Đã đổi mật khẩu');
  });
});
