import type { UserRole } from '@app/shared';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

import { UnauthenticatedError } from '../common/errors/domain-errors';
import type { AuthenticatedRequest, AuthUser } from './auth-user';

export const PUBLIC_KEY = 'auth:public';
export const ACCOUNT_ROLES_KEY = 'auth:account-roles';

/** The route needs no session (login, health). CSRF is still checked on unsafe methods. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only accounts with one of these roles (e.g. only admins read the audit log). */
export const AccountRoles = (...roles: UserRole[]) => SetMetadata(ACCOUNT_ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new UnauthenticatedError('Chưa đăng nhập / Not logged in');
  return user;
});
