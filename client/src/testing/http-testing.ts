import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';

import { sessionExpiredInterceptor } from '../app/core/auth/session-expired-interceptor';
import { errorResponseInterceptor } from '../app/core/http/error-response-interceptor';

/** HttpClient with the app's own interceptors, answered by HttpTestingController. */
export function provideAppHttpTesting(): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withInterceptors([sessionExpiredInterceptor, errorResponseInterceptor])),
    provideHttpClientTesting(),
  ];
}
