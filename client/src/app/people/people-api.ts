import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ListUsersQuery, OrganisationUnitDetailResponse, UserSummaryResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** Look-ups for whoever prepares meetings: accounts (participant picker) and units (organiser). */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/users?search=`: the server ignores case and Vietnamese diacritics. */
  users(query: ListUsersQuery = {}): Observable<UserSummaryResponse[]> {
    let params = new HttpParams();
    if (query.search) {
      params = params.set('search', query.search);
    }
    if (query.role) {
      params = params.set('role', query.role);
    }
    return this.http.get<UserSummaryResponse[]>('/api/users', { params });
  }

  units(): Observable<OrganisationUnitDetailResponse[]> {
    return this.http.get<OrganisationUnitDetailResponse[]>('/api/units');
  }
}
