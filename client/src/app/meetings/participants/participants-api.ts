import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AddParticipantRequest, ParticipantResponse, UpdateParticipantRequest } from '@app/shared';
import { Observable } from 'rxjs';

/** `/api/meetings/:meetingId/participants`. */
@Injectable({ providedIn: 'root' })
export class ParticipantsApi {
  private readonly http = inject(HttpClient);

  list(meetingId: string): Observable<ParticipantResponse[]> {
    return this.http.get<ParticipantResponse[]>(`/api/meetings/${meetingId}/participants`);
  }

  add(meetingId: string, body: AddParticipantRequest): Observable<ParticipantResponse> {
    return this.http.post<ParticipantResponse>(`/api/meetings/${meetingId}/participants`, body);
  }

  update(meetingId: string, participantId: string, body: UpdateParticipantRequest): Observable<ParticipantResponse> {
    return this.http.patch<ParticipantResponse>(`/api/meetings/${meetingId}/participants/${participantId}`, body);
  }

  remove(meetingId: string, participantId: string): Observable<void> {
    return this.http.delete<void>(`/api/meetings/${meetingId}/participants/${participantId}`);
  }
}
