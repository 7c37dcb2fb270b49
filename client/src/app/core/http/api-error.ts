import { ErrorCode, ErrorResponse, FieldError } from '@app/shared';

/**
 * What every failed HttpClient call throws (see `errorResponseInterceptor`): a real `Error` that is also the
 * server's `ErrorResponse`, so callers branch on `code`, never on message text.
 */
export class ApiError extends Error implements ErrorResponse {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly errors?: FieldError[];

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    response: ErrorResponse,
  ) {
    super(response.message);
    this.code = response.code;
    if (response.errors) {
      this.errors = response.errors;
    }
  }

  toResponse(): ErrorResponse {
    return this.errors
      ? { code: this.code, message: this.message, errors: this.errors }
      : { code: this.code, message: this.message };
  }
}

/**
 * Narrows anything caught from an HTTP call to an ErrorResponse. Errors that did not come through the
 * interceptor become INTERNAL with an empty message, for the view to replace with its own text.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  return error instanceof ApiError ? error.toResponse() : { code: ErrorCode.Internal, message: '' };
}
