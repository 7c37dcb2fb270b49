import * as z from 'zod';

import { ErrorCode } from './error-codes';

/** One field-level problem, e.g. `{ path: 'title', message: 'Required' }`. */
export interface FieldError {
  path: string;
  message: string;
}

/** The single error shape of every HTTP failure and every socket `error` event. */
export interface ErrorResponse {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
}

/** Flattens a zod error into the `errors` list of an ErrorResponse. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Builds the validation ErrorResponse for a zod error. */
export function validationErrorResponse(error: z.ZodError): ErrorResponse {
  return {
    code: ErrorCode.ValidationFailed,
    message: 'Dữ liệu không hợp lệ / Invalid input',
    errors: toFieldErrors(error),
  };
}

const errorCodes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/** Lets a client check that a body really is an ErrorResponse before trusting it. */
export const ErrorResponseSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
