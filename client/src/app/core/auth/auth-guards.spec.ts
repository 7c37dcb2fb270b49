import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { firstValueFrom } from 'rxjs';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { translocoTesting } from '../../../testing/transloco-testing';
import { sessionUserStub } from '../../../testing/user.stub';
import { authGuard, guestGuard, roleGuard, safeReturnUrl } from './auth-guards';
import { AuthStore } from './auth-store';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('auth guards and session expiry', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([
          { path: 'login', component: Blank, canActivate: [guestGuard] },
          {
            path: '',
            canActivate: [authGuard],
            canActivateChild: [authGuard],
            children: [
              { path: 'meetings', component: Blank },
              { path: 'meetings/:id', component: Blank },
              { path: 'audit', component: Blank, canActivate: [roleGuard('admin')] },
            ],
          },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function navigate(url: string, me: () => void): Promise<void> {
    const done = router.navigateByUrl(url);
    // The guard asks the server once navigation has started.
    await new Promise((resolve) => setTimeout(resolve));
    me();
    await done;
    await harness.fixture.whenStable();
  }

  const anonymous = () =>
    http
      .expectOne('/api/auth/me')
      .flush({ code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập' }, { status: 401, statusText: 'Unauthorized' });
  const loggedInAs = (role: 'admin' | 'delegate') => () =>
    http.expectOne('/api/auth/me').flush(sessionUserStub({ role }));

  it('sends an anonymous visitor to /login, remembering the page', async () => {
    await navigate('/meetings/m-1', anonymous);
    expect(router.url).toBe('/login?returnUrl=%2Fmeetings%2Fm-1');
  });

  it('lets a logged-in user in, asking the server only once', async () => {
    await navigate('/meetings', loggedInAs('delegate'));
    expect(router.url).toBe('/meetings');
    await router.navigateByUrl('/meetings/m-2');
    http.expectNone('/api/auth/me');
    expect(router.url).toBe('/meetings/m-2');
  });

  it('keeps a logged-in user away from the login page', async () => {
    await navigate('/login', loggedInAs('delegate'));
    expect(router.url).toBe('/meetings');
  });

  it('keeps the audit page from non-admins', async () => {
    await navigate('/audit', loggedInAs('delegate'));
    expect(router.url).toBe('/meetings');
  });

  it('opens the audit page to admins', async () => {
    await navigate('/audit', loggedInAs('admin'));
    expect(router.url).toBe('/audit');
  });

  it('goes back to /login when any call answers 401, and returns after', async () => {
    await navigate('/meetings/m-1', loggedInAs('delegate'));
    const call = firstValueFrom(TestBed.inject(HttpClient).get('/api/meetings/m-1')).catch((e: unknown) => e);
    http
      .expectOne('/api/meetings/m-1')
      .flush(
        { code: 'UNAUTHENTICATED', message: 'Phiên đã hết hạn / Session expired' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(call).resolves.toMatchObject({ code: 'UNAUTHENTICATED' });
    await harness.fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()).toBeNull();
    expect(router.url).toBe('/login?returnUrl=%2Fmeetings%2Fm-1&expired=1');
  });

  it('does not treat a 403 as an expired session', async () => {
    await navigate('/meetings', loggedInAs('delegate'));
    const call = firstValueFrom(TestBed.inject(HttpClient).get('/api/audit')).catch((e: unknown) => e);
    http.expectOne('/api/audit').flush({ code: 'FORBIDDEN', message: 'x' }, { status: 403, statusText: 'Forbidden' });
    await call;
    expect(router.url).toBe('/meetings');
    expect(TestBed.inject(AuthStore).loggedIn()).toBe(true);
  });
});

describe('safeReturnUrl', () => {
  it('accepts only paths inside the app', () => {
    expect(safeReturnUrl('/meetings/m-1?page=3')).toBe('/meetings/m-1?page=3');
    expect(safeReturnUrl('https://evil.example')).toBe('/meetings');
    expect(safeReturnUrl('//evil.example')).toBe('/meetings');
    expect(safeReturnUrl('/login')).toBe('/meetings');
    expect(safeReturnUrl(null)).toBe('/meetings');
  });
});
