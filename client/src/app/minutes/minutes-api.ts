import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { FinalizeMinutesRequest, MinutesResponse, UpdateMinutesRequest } from '@app/shared';
import { Observable } from 'rxjs';

/** `/api/meetings/:meetingId/minutes`: the minutes of a meeting. Failures arrive as `ApiError`. */
@Injectable({ providedIn: 'root' })
export class MinutesApi {
  private readonly http = inject(HttpClient);

  get(meetingId: string): Observable<MinutesResponse> {
    return this.http.get<MinutesResponse>(`/api/meetings/${meetingId}/minutes`);
  }

  /** Writes the draft anew from the meeting's records (chair, secretary). */
  draft(meetingId: string): Observable<MinutesResponse> {
    return this.http.post<MinutesResponse>(`/api/meetings/${meetingId}/minutes/draft`, null);
  }

  /** 409 CONFLICT when `version` is no longer the current one. */
  save(meetingId: string, body: UpdateMinutesRequest): Observable<MinutesResponse> {
    return this.http.put<MinutesResponse>(`/api/meetings/${meetingId}/minutes`, body);
  }

  finalize(meetingId: string, body: FinalizeMinutesRequest): Observable<MinutesResponse> {
    return this.http.post<MinutesResponse>(`/api/meetings/${meetingId}/minutes/finalize`, body);
  }

  /** A plain link: the browser downloads the PDF with the session cookie. */
  pdfUrl(meetingId: string): string {
    return `/api/meetings/${meetingId}/minutes.pdf`;
  }
}
