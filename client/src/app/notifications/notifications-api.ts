import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { NotificationResponse, NotificationsPageResponse } from '@app/shared';
import { Observable } from 'rxjs';

/** HTTP client of the notifications feature: `/api/notifications`. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** Newest first, with the number unread in total. */
  list(): Observable<NotificationsPageResponse> {
    return this.http.get<NotificationsPageResponse>('/api/notifications');
  }

  markRead(id: string): Observable<NotificationResponse> {
    return this.http.post<NotificationResponse>(`/api/notifications/${id}/read`, null);
  }

  markAllRead(): Observable<{ updated: number }> {
    return this.http.post<{ updated: number }>('/api/notifications/read-all', null);
  }
}
