import type { UserRole } from '@app/shared';
import type { Request } from 'express';

/** The logged-in caller, as the guards attach it to the request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  unitId: string;
}

export interface AuthenticatedRequest extends Request {
  user?: AuthUser;
}

/** Where a request comes from, for the audit log and the login throttle. */
export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
