import { computed, inject, Injectable, signal } from '@angular/core';
import { LoginRequest, SessionUserResponse, UserRole } from '@app/shared';
import { catchError, finalize, map, Observable, of, shareReplay, tap } from 'rxjs';

import { AuthApi } from './auth-api';

/**
 * Who is logged in. `restore()` asks the server once (`GET /api/auth/me`); guards wait for it.
 * `null` user after restore: nobody is logged in (or the session expired).
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly current = signal<SessionUserResponse | null>(null);
  private restoring: Observable<SessionUserResponse | null> | null = null;
  private restored = false;

  readonly user = this.current.asReadonly();
  readonly loggedIn = computed(() => this.current() !== null);
  readonly role = computed(() => this.current()?.role ?? null);

  /** The session user, asking the server only the first time. */
  restore(): Observable<SessionUserResponse | null> {
    if (this.restored) {
      return of(this.current());
    }
    this.restoring ??= this.api.me().pipe(
      catchError(() => of(null)),
      tap((user) => {
        this.current.set(user);
        this.restored = true;
      }),
      finalize(() => (this.restoring = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.restoring;
  }

  /** Logs in; failures (wrong password, RATE_LIMITED) arrive as ApiError for the form to show. */
  login(body: LoginRequest): Observable<SessionUserResponse> {
    return this.api.login(body).pipe(
      tap((user) => {
        this.current.set(user);
        this.restored = true;
      }),
    );
  }

  /** Ends the session on the server; the local state is cleared even if the server cannot be reached. */
  logout(): Observable<void> {
    return this.api.logout().pipe(
      catchError(() => of(undefined)),
      map(() => undefined),
      finalize(() => this.sessionEnded()),
    );
  }

  /** Logged out, or the server said 401: nobody is logged in until the next login. */
  sessionEnded(): void {
    this.current.set(null);
    this.restored = true;
  }

  hasRole(...roles: UserRole[]): boolean {
    const role = this.current()?.role;
    return role !== undefined && roles.includes(role);
  }
}
