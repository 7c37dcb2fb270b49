import { SESSION_COOKIE, UserRole } from '@app/shared';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-errors';
import type { AuthenticatedRequest } from './auth-user';
import { ACCOUNT_ROLES_KEY, PUBLIC_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import { xsrfValid } from './xsrf';

/**
 * Global HTTP guard: CSRF check on unsafe methods, then the session cookie → `request.user`.
 * Routes are closed unless marked @Public(); @AccountRoles narrows them further. Meeting routes
 * add MeetingAccessGuard for membership and meeting role. Sockets authenticate on connection.
 */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!xsrfValid(request)) {
      throw new ForbiddenError('Thiếu hoặc sai mã chống giả mạo (CSRF) / Missing or invalid CSRF token');
    }
    const targets = [context.getHandler(), context.getClass()];
    const token = request.cookies?.[SESSION_COOKIE];
    const user = typeof token === 'string' ? await this.auth.authenticate(token) : null;
    if (user) request.user = user;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!user)
      throw new UnauthenticatedError('Chưa đăng nhập hoặc phiên đã hết hạn / Not logged in or session expired');
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ACCOUNT_ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ForbiddenError('Tài khoản không có quyền này / Your account may not do this');
    }
    return true;
  }
}
