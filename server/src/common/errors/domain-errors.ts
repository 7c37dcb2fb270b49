import { ErrorCode, FieldError } from '@app/shared';

/**
 * Errors services throw. They know nothing of HTTP or sockets; the exception filters map their
 * `code` to a status (HTTP) or an `error` event (socket).
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly errors?: FieldError[];

  constructor(message: string, errors?: FieldError[]) {
    super(message);
    this.name = new.target.name;
    this.errors = errors;
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NotFound;
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.Forbidden;
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.Conflict;
}

export class ValidationError extends DomainError {
  readonly code = ErrorCode.ValidationFailed;
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.Unauthenticated;
}

export class PayloadTooLargeError extends DomainError {
  readonly code = ErrorCode.PayloadTooLarge;
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = ErrorCode.UnsupportedMediaType;
}

export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RateLimited;
  /** What hit its limit, for the audit log. */
  scope?: string;

  constructor(
    message: string,
    /** Seconds until a retry may succeed (sent as Retry-After). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
