import * as z from 'zod';

import { OrganisationUnitResponse, UserRole } from '../people/roles';

/**
 * Sessions: an opaque random token in an httpOnly, SameSite=Strict cookie, stored server-side as a
 * hash, so logout, a password change or a disabled account end it at once (a JWT could not be
 * revoked before it expires). CSRF: double-submit cookie; Angular's HttpClient copies the readable
 * XSRF cookie into the header on every unsafe request by itself.
 */
export const SESSION_COOKIE = 'ecab_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';

export const LoginSchema = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginSchema>;

export const PASSWORD_MIN_LENGTH = 10;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200),
  })
  .strict()
  .refine((body) => body.newPassword !== body.currentPassword, {
    message: 'Mật khẩu mới phải khác mật khẩu cũ / The new password must differ from the current one',
    path: ['newPassword'],
  });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordSchema>;

export interface SessionUserResponse {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  unit: OrganisationUnitResponse;
}
