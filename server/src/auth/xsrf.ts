import { randomBytes, timingSafeEqual } from 'node:crypto';

import { XSRF_COOKIE, XSRF_HEADER } from '@app/shared';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit CSRF protection. Every response carries a readable XSRF cookie; an unsafe request
 * must echo it in the X-XSRF-TOKEN header, which another site's page cannot read or send.
 */
export function xsrfCookieMiddleware(secure: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.cookies?.[XSRF_COOKIE]) {
      res.cookie(XSRF_COOKIE, randomBytes(24).toString('base64url'), { sameSite: 'strict', secure, path: '/' });
    }
    next();
  };
}

export function xsrfValid(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const cookie = req.cookies?.[XSRF_COOKIE];
  const header = req.get(XSRF_HEADER);
  if (typeof cookie !== 'string' || !cookie || typeof header !== 'string') return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
