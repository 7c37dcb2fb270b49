import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ArchiveJobResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** `/api/meetings/:meetingId/archive`: a ZIP of the meeting built in the background. */
@Injectable({ providedIn: 'root' })
export class ArchiveApi {
  private readonly http = inject(HttpClient);

  start(meetingId: string): Observable<ArchiveJobResponse> {
    return this.http.post<ArchiveJobResponse>(`/api/meetings/${meetingId}/archive`, null);
  }

  get(meetingId: string, jobId: string): Observable<ArchiveJobResponse> {
    return this.http.get<ArchiveJobResponse>(`/api/meetings/${meetingId}/archive/${jobId}`);
  }

  /** A plain link: the browser streams the ZIP to disk with the session cookie. */
  downloadUrl(meetingId: string, jobId: string): string {
    return `/api/meetings/${meetingId}/archive/${jobId}/download`;
  }
}
