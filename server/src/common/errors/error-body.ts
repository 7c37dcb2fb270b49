import { ErrorCode, ErrorResponse, validationErrorResponse } from '@app/shared';
import { HttpException, HttpStatus } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';

import { DomainError } from './domain-errors';

const statusByCode: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.RangeNotSatisfiable]: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
  [ErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(statusByCode) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (found) return found[0];
  return status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed;
}

export interface MappedError {
  status: number;
  body: ErrorResponse;
  /** True when the error was not foreseen: it is logged with its stack and its details hidden. */
  unexpected: boolean;
}

/** One mapping from any thrown value to the `{ code, message, errors? }` body, for HTTP and sockets. */
export function mapError(exception: unknown): MappedError {
  if (exception instanceof ZodValidationException) {
    return { status: 400, body: validationErrorResponse(exception.getZodError() as ZodError), unexpected: false };
  }
  if (exception instanceof ZodError) {
    return { status: 400, body: validationErrorResponse(exception), unexpected: false };
  }
  if (exception instanceof DomainError) {
    const body: ErrorResponse = { code: exception.code, message: exception.message };
    if (exception.errors) body.errors = exception.errors;
    return { status: statusByCode[exception.code], body, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? exception.message);
    if (status >= 500) return internal();
    return { status, body: { code: codeForStatus(status), message }, unexpected: false };
  }
  return internal();
}

function internal(): MappedError {
  return {
    status: 500,
    body: { code: ErrorCode.Internal, message: 'Lỗi máy chủ / Internal server error' },
    unexpected: true,
  };
}
