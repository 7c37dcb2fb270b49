import { Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';

import { RateLimitedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';

/**
 * Login rate limits on FAILED attempts, per account (guessing one delegate's password from many
 * IPs stops) and per IP (one machine trying many accounts stops). Successes do not count: a whole
 * district hall behind one NAT address logs in at 8 o'clock. A success clears the account's count.
 * In memory: one server process holds the sessions of a district.
 */
@Injectable()
export class LoginThrottle {
  private readonly perIp: RateLimiterMemory;
  private readonly perAccount: RateLimiterMemory;
  private readonly maxIpFailures: number;
  private readonly maxAccountFailures: number;

  constructor(config: AppConfig) {
    const duration = config.auth.loginWindowMinutes * 60;
    this.maxIpFailures = config.auth.loginMaxFailuresPerIp;
    this.maxAccountFailures = config.auth.loginMaxFailuresPerAccount;
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: this.maxIpFailures, duration });
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: this.maxAccountFailures, duration });
  }

  /** Throws when the account or the IP has used up its failed attempts. */
  async admit(username: string, ip: string): Promise<void> {
    const account = await this.perAccount.get(accountKey(username));
    if (account && account.consumedPoints >= this.maxAccountFailures) throw throttled(account.msBeforeNext, 'account');
    const address = await this.perIp.get(ip);
    if (address && address.consumedPoints >= this.maxIpFailures) throw throttled(address.msBeforeNext, 'ip');
  }

  async failed(username: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(accountKey(username), 1), this.perIp.penalty(ip, 1)]);
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
    `Quá nhiều lần đăng nhập sai, thử lại sau ${seconds} giây / Too many failed logins, retry in ${seconds} s`,
    seconds,
  );
  error.scope = scope;
  return error;
}
