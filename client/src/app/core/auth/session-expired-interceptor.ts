import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ErrorCode } from '@app/shared';
import { catchError, throwError } from 'rxjs';

import { ApiError } from '../http/api-error';
import { AuthStore } from './auth-store';
import { loginParams } from './auth-guards';

/** Calls whose 401 is an answer for the caller (wrong password, "nobody logged in"), not an expired session. */
const OWN_401_URLS = ['/api/auth/login', '/api/auth/me', '/api/auth/logout'];

/**
 * A 401 from any other call means the session ended (expired, logged out elsewhere, password changed):
 * forget the user and go to the login page, coming back here after. Sits outside the error interceptor,
 * so it sees `ApiError`s.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof ApiError &&
        error.status === 401 &&
        error.code === ErrorCode.Unauthenticated &&
        !OWN_401_URLS.some((url) => request.url.startsWith(url))
      ) {
        store.sessionEnded();
        const url = router.url;
        if (!url.startsWith('/login')) {
          void router.navigate(['/login'], { queryParams: { ...loginParams(url), expired: 1 } });
        }
      }
      return throwError(() => error);
    }),
  );
};
