import { HttpErrorResponse, HttpInterceptorFn, HttpStatusCode } from '@angular/common/http';
import { inject, Injector } from '@angular/core';
import { ErrorCode, ErrorResponse, ErrorResponseSchema } from '@app/shared';
import { TranslocoService } from '@jsverse/transloco';
import { catchError, map, Observable, of, switchMap, throwError } from 'rxjs';

import { ApiError } from './api-error';

/** Statuses that mean "the server is not there" rather than "the server failed". */
const UNAVAILABLE_STATUSES: readonly number[] = [
  0,
  HttpStatusCode.BadGateway,
  HttpStatusCode.ServiceUnavailable,
  HttpStatusCode.GatewayTimeout,
];

/**
 * Turns every HttpErrorResponse into an {@link ApiError}. A body that passes `ErrorResponseSchema` is kept
 * as the server sent it; anything else (network failure, a proxy's HTML page) becomes UNAVAILABLE or
 * INTERNAL with a translated message.
 */
export const errorResponseInterceptor: HttpInterceptorFn = (request, next) => {
  // Resolved lazily: the translation loader itself goes through this interceptor.
  const injector = inject(Injector);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse)) {
        return throwError(() => error);
      }
      return readBody(error.error).pipe(
        map((body) => toApiError(error.status, body, injector)),
        switchMap((apiError) => throwError(() => apiError)),
      );
    }),
  );
};

function toApiError(status: number, body: unknown, injector: Injector): ApiError {
  const parsed = ErrorResponseSchema.safeParse(body);
  if (parsed.success) {
    return new ApiError(status, parsed.data);
  }
  const fallback: ErrorResponse = UNAVAILABLE_STATUSES.includes(status)
    ? { code: ErrorCode.Unavailable, message: translate(injector, 'errors.unavailable') }
    : { code: ErrorCode.Internal, message: translate(injector, 'errors.internal') };
  return new ApiError(status, fallback);
}

/** JSON bodies arrive parsed; text and blob requests (documents) get theirs as a string or Blob. */
function readBody(body: unknown): Observable<unknown> {
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    return readText(body).pipe(
      map(parseJson),
      catchError(() => of(null)),
    );
  }
  return of(typeof body === 'string' ? parseJson(body) : body);
}

/** FileReader rather than `Blob.text()`: the same code runs in every tablet browser and in jsdom. */
function readText(blob: Blob): Observable<string> {
  return new Observable<string>((subscriber) => {
    const reader = new FileReader();
    reader.onload = () => {
      subscriber.next(typeof reader.result === 'string' ? reader.result : '');
      subscriber.complete();
    };
    reader.onerror = () => subscriber.error(reader.error);
    reader.readAsText(blob);
    return () => {
      if (reader.readyState === FileReader.LOADING) {
        reader.abort();
      }
    };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function translate(injector: Injector, key: string): string {
  return injector.get(TranslocoService).translate<string>(key);
}
