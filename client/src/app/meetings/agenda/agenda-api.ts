import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AgendaItemResponse, CreateAgendaItemRequest, UpdateAgendaItemRequest } from '@app/shared';
import { Observable } from 'rxjs';

/** `/api/meetings/:meetingId/agenda`: chair and secretary only. */
@Injectable({ providedIn: 'root' })
export class AgendaApi {
  private readonly http = inject(HttpClient);

  create(meetingId: string, body: CreateAgendaItemRequest): Observable<AgendaItemResponse> {
    return this.http.post<AgendaItemResponse>(`/api/meetings/${meetingId}/agenda`, body);
  }

  update(meetingId: string, itemId: string, body: UpdateAgendaItemRequest): Observable<AgendaItemResponse> {
    return this.http.patch<AgendaItemResponse>(`/api/meetings/${meetingId}/agenda/${itemId}`, body);
  }

  delete(meetingId: string, itemId: string): Observable<void> {
    return this.http.delete<void>(`/api/meetings/${meetingId}/agenda/${itemId}`);
  }

  /** Every item id of the meeting, once, in the new order. */
  reorder(meetingId: string, itemIds: string[]): Observable<unknown> {
    return this.http.put(`/api/meetings/${meetingId}/agenda/order`, { itemIds });
  }
}
