import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { XSRF_COOKIE, XSRF_HEADER } from '@app/shared';

import { appRoutes } from './app.routes';
import { sessionExpiredInterceptor } from './core/auth/session-expired-interceptor';
import { errorResponseInterceptor } from './core/http/error-response-interceptor';
import { provideI18n } from './core/i18n/provide-i18n';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(
      // The session expiry check sits outside: it reads the ApiError the error interceptor makes.
      withInterceptors([sessionExpiredInterceptor, errorResponseInterceptor]),
      withXsrfConfiguration({ cookieName: XSRF_COOKIE, headerName: XSRF_HEADER }),
    ),
    provideI18n(),
  ],
};
