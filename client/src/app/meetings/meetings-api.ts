import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ListMeetingsQuery, MeetingResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** HTTP client of the meetings feature. Failures arrive as `ApiError` (core/http). */
@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/meetings`, sorted by `startsAt`. */
  list(query: ListMeetingsQuery = {}): Observable<MeetingResponse[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params = params.set(key, value);
      }
    }
    return this.http.get<MeetingResponse[]>('/api/meetings', { params });
  }
}
