import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AuditPageResponse, ListAuditQuery } from '@app/shared';
import { Observable } from 'rxjs';

/** `GET /api/audit` (admins): newest first, filtered and paginated by the server. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: Partial<ListAuditQuery>): Observable<AuditPageResponse> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(key, String(value));
      }
    }
    return this.http.get<AuditPageResponse>('/api/audit', { params });
  }
}
