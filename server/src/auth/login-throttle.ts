import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import { RateLimitedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';

/**
 * Login rate limits: every attempt counts against the caller's IP; failed attempts count against
 * the account (so guessing one delegate's password from many IPs stops too). A success clears the
 * account's count. In memory: one server process holds the sessions of a district.
 */
@Injectable()
export class LoginThrottle {
  private readonly perIp: RateLimiterMemory;
  private readonly perAccount: RateLimiterMemory;
  private readonly maxAccountFailures: number;

  constructor(config: AppConfig) {
    const duration = config.auth.loginWindowMinutes * 60;
    this.maxAccountFailures = config.auth.loginMaxFailuresPerAccount;
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: config.auth.loginMaxAttemptsPerIp, duration });
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: this.maxAccountFailures, duration });
  }

  /** Counts this attempt against the IP; throws when the IP or the account is over its limit. */
  async admit(username: string, ip: string): Promise<void> {
    const account = await this.perAccount.get(accountKey(username));
    if (account && account.consumedPoints >= this.maxAccountFailures) {
      throw throttled(account.msBeforeNext, 'account');
    }
    try {
      await this.perIp.consume(ip);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw throttled(rejection.msBeforeNext, 'ip');
      throw rejection;
    }
  }

  async failed(username: string): Promise<void> {
    await this.perAccount.penalty(accountKey(username), 1);
  }

  async succeeded(username: string): Promise<void> {
    await this.perAccount.delete(accountKey(username));
  }
}

function accountKey(username: string): string {
  return username.trim().toLowerCase();
}

function throttled(msBeforeNext: number, scope: 'account' | 'ip'): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const error = new RateLimitedError(
    `Quá nhiều lần đăng nhập, thử lại sau ${seconds} giây / Too many login attempts, retry in ${seconds} s`,
    seconds,
  );
  error.scope = scope;
  return error;
}
