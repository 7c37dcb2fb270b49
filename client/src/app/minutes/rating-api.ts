import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { RateMeetingRequest, RatingResponse, RatingSummaryResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** Ratings of a closed meeting: mine, and the aggregate for the chair and secretary. */
@Injectable({ providedIn: 'root' })
export class RatingApi {
  private readonly http = inject(HttpClient);

  /** 404 NOT_FOUND when I have not rated the meeting. */
  mine(meetingId: string): Observable<RatingResponse> {
    return this.http.get<RatingResponse>(`/api/meetings/${meetingId}/rating`);
  }

  rate(meetingId: string, body: RateMeetingRequest): Observable<RatingResponse> {
    return this.http.post<RatingResponse>(`/api/meetings/${meetingId}/rating`, body);
  }

  summary(meetingId: string): Observable<RatingSummaryResponse> {
    return this.http.get<RatingSummaryResponse>(`/api/meetings/${meetingId}/ratings/summary`);
  }
}
