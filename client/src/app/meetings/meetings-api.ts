import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CreateMeetingRequest,
  ListMeetingsQuery,
  MeetingDetailResponse,
  MeetingResponse,
  MeetingTransitionRequest,
  UpdateMeetingRequest,
} from '@app/shared';
import { Observable } from 'rxjs';

/** HTTP client of the meetings feature. Failures arrive as `ApiError` (core/http). */
@Injectable({ providedIn: 'root' })
export class MeetingsApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/meetings`: the caller's meetings, sorted by `startsAt`. */
  list(query: ListMeetingsQuery = {}): Observable<MeetingResponse[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        params = params.set(key, value);
      }
    }
    return this.http.get<MeetingResponse[]>('/api/meetings', { params });
  }

  get(meetingId: string): Observable<MeetingDetailResponse> {
    return this.http.get<MeetingDetailResponse>(`/api/meetings/${meetingId}`);
  }

  create(body: CreateMeetingRequest): Observable<MeetingDetailResponse> {
    return this.http.post<MeetingDetailResponse>('/api/meetings', body);
  }

  update(meetingId: string, body: UpdateMeetingRequest): Observable<MeetingDetailResponse> {
    return this.http.patch<MeetingDetailResponse>(`/api/meetings/${meetingId}`, body);
  }

  transition(meetingId: string, body: MeetingTransitionRequest): Observable<MeetingDetailResponse> {
    return this.http.post<MeetingDetailResponse>(`/api/meetings/${meetingId}/transitions`, body);
  }
}
