import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ChangePasswordRequest, LoginRequest, SessionUserResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** `/api/auth`: the session lives in an httpOnly cookie, so these calls only ever see the user. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  login(body: LoginRequest): Observable<SessionUserResponse> {
    return this.http.post<SessionUserResponse>('/api/auth/login', body);
  }

  me(): Observable<SessionUserResponse> {
    return this.http.get<SessionUserResponse>('/api/auth/me');
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', null);
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password', body);
  }
}
