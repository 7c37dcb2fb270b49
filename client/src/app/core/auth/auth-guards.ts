import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { UserRole } from '@app/shared';
import { map } from 'rxjs';

import { AuthStore } from './auth-store';

/** Pages behind the login: anonymous visitors go to /login and come back after. */
export const authGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(AuthStore)
    .restore()
    .pipe(map((user) => user !== null || router.createUrlTree(['/login'], { queryParams: loginParams(state.url) })));
};

/** The login page itself: someone already logged in goes to their meetings. */
export const guestGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(AuthStore)
    .restore()
    .pipe(map((user) => user === null || router.createUrlTree(['/meetings'])));
};

/** Narrows a page to account roles (the server checks again; this only keeps the menu honest). */
export function roleGuard(...roles: UserRole[]): CanActivateFn {
  return () => {
    const router = inject(Router);
    return inject(AuthStore)
      .restore()
      .pipe(map((user) => (user !== null && roles.includes(user.role)) || router.createUrlTree(['/meetings'])));
  };
}

/** Where to return after login: only a path of this app, never the login page itself. */
export function loginParams(url: string): Record<string, string> {
  return url && url !== '/' && !url.startsWith('/login') ? { returnUrl: url } : {};
}

/** A returnUrl from the query string, accepted only when it stays in the app (no open redirect). */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/meetings';
}
