import { createHash, randomBytes } from 'node:crypto';

import type { ChangePasswordRequest, LoginRequest, SessionUserResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { DataSource, LessThan, Not, Repository } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import { RateLimitedError, UnauthenticatedError, ValidationError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { User } from '../people/user.entity';
import type { AuthUser } from './auth-user';
import { mapSessionUser } from './auth.mapper';
import { LoginThrottle } from './login-throttle';
import { Session } from './session.entity';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: SessionUserResponse;
}

const WRONG_CREDENTIALS = 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password';
/** Writing lastSeen on every request would turn reads into writes; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

const SESSION_USER_SQL = `SELECT s."expiresAt", s."absoluteExpiresAt", u."id", u."username", u."displayName", u."role",
  u."unitId", u."active" FROM "sessions" s JOIN "users" u ON u."id" = s."userId" WHERE s."tokenHash" = ?`;

interface SessionUserRow extends AuthUser {
  expiresAt: string;
  absoluteExpiresAt: string;
  active: number;
}

/** TypeORM keeps sqlite datetimes as UTC `YYYY-MM-DD HH:MM:SS.SSS`. */
function sqliteDate(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both cases take an argon2 verify's time. */
  private readonly dummyHash = hash(randomBytes(16).toString('hex'), { algorithm: Algorithm.Argon2id });

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async login(credentials: LoginRequest, client: ClientInfo): Promise<LoginResult> {
    const { username, password } = credentials;
    try {
      await this.throttle.admit(username, client.ip);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await this.audit.record({
          action: 'auth.login_throttled',
          actorName: username,
          ip: client.ip,
          details: { scope: error.scope },
        });
      }
      throw error;
    }
    const user = await this.users.findOne({ where: { username }, relations: { unit: true } });
    const valid = await verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid || !user.active) {
      await this.throttle.failed(username, client.ip);
      await this.audit.record({
        action: 'auth.login_failed',
        actor: user ? { id: user.id, username: user.username } : null,
        actorName: username,
        ip: client.ip,
        details: { reason: !user ? 'unknown_user' : !valid ? 'wrong_password' : 'inactive' },
      });
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(username);

    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const absoluteExpiresAt = new Date(now + this.config.auth.sessionMaxHours * 3_600_000);
    const expiresAt = this.slide(now, absoluteExpiresAt);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Session, {
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt,
        absoluteExpiresAt,
        ip: client.ip.slice(0, 64),
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      });
      await this.audit.record({ action: 'auth.login', actor: user, ip: client.ip }, manager);
    });
    return { token, expiresAt, user: mapSessionUser(user) };
  }

  /** The user behind a session token, or null when it is unknown, expired or the account is disabled. */
  async authenticate(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 100) return null;
    const tokenHash = hashToken(token);
    // One plain statement, not an entity query with a relation: every request and every socket
    // handshake runs it, and a thousand tablets reconnecting at once should not churn the heap.
    const rows = (await this.dataSource.query(SESSION_USER_SQL, [tokenHash])) as SessionUserRow[];
    const row = rows[0];
    const now = Date.now();
    if (!row || !row.active) return null;
    const expiresAt = sqliteDate(row.expiresAt);
    if (expiresAt.getTime() <= now) return null;
    const renewed = this.slide(now, sqliteDate(row.absoluteExpiresAt));
    if (renewed.getTime() - expiresAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.update({ tokenHash }, { expiresAt: renewed });
    }
    const { id, username, displayName, role, unitId } = row;
    return { id, username, displayName, role, unitId };
  }

  async me(user: AuthUser): Promise<SessionUserResponse> {
    return mapSessionUser(await this.users.findOneOrFail({ where: { id: user.id }, relations: { unit: true } }));
  }

  async logout(token: string, user: AuthUser, client: ClientInfo): Promise<void> {
    await this.sessions.delete({ tokenHash: hashToken(token) });
    await this.audit.record({ action: 'auth.logout', actor: user, ip: client.ip });
  }

  /** Changes the password and ends every other session of the account (a stolen cookie stops working). */
  async changePassword(user: AuthUser, body: ChangePasswordRequest, token: string, client: ClientInfo): Promise<void> {
    const account = await this.users.findOneByOrFail({ id: user.id });
    if (!(await verify(account.passwordHash, body.currentPassword))) {
      throw new ValidationError('Mật khẩu hiện tại không đúng / The current password is wrong', [
        { path: 'currentPassword', message: 'Wrong password' },
      ]);
    }
    const passwordHash = await hash(body.newPassword, { algorithm: Algorithm.Argon2id });
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await manager.delete(Session, { userId: user.id, tokenHash: Not(hashToken(token)) });
      await this.audit.record({ action: 'auth.password_changed', actor: user, ip: client.ip }, manager);
    });
  }

  /** Housekeeping: expired sessions are useless; drop them. */
  async purgeExpired(): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(new Date()) });
    return result.affected ?? 0;
  }

  private slide(now: number, absoluteExpiresAt: Date): Date {
    return new Date(Math.min(now + this.config.auth.sessionIdleMinutes * 60_000, absoluteExpiresAt.getTime()));
  }
}
