import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { RecordingResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** `/api/meetings/:meetingId/recordings`: the video bridge's recordings, for the meeting's participants. */
@Injectable({ providedIn: 'root' })
export class RecordingsApi {
  private readonly http = inject(HttpClient);

  list(meetingId: string): Observable<RecordingResponse[]> {
    return this.http.get<RecordingResponse[]>(`/api/meetings/${meetingId}/recordings`);
  }
}
