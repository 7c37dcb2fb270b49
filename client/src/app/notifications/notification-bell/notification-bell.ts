import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  inject,
  InjectionToken,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import { NotificationResponse, NotificationsPageResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { catchError, distinctUntilChanged, EMPTY, fromEvent, map, startWith, switchMap, timer } from 'rxjs';

import { formatInstant } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { Icon } from '../../core/icons/icon';
import { NotificationsApi } from '../notifications-api';

/** How often the bell asks for new notifications while the page is visible. */
export const NOTIFICATION_POLL_MS = new InjectionToken<number>('NOTIFICATION_POLL_MS', {
  factory: () => 60_000,
});

/**
 * The bell in the toolbar: how many notifications are unread, and a menu listing them newest first.
 * Opening one marks it read and goes to its meeting. Polls only while the page is visible.
 */
@Component({
  selector: 'ec-notification-bell',
  imports: [MatButtonModule, MatMenuModule, TranslocoDirective, Icon, ServerMessagePipe],
  templateUrl: './notification-bell.html',
  styleUrl: './notification-bell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  private readonly api = inject(NotificationsApi);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly pollMs = inject(NOTIFICATION_POLL_MS);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly page = signal<NotificationsPageResponse>({ unreadCount: 0, items: [] });
  protected readonly items = computed(() => this.page().items);
  protected readonly unread = computed(() => this.page().unreadCount);

  constructor() {
    fromEvent(this.document, 'visibilitychange')
      .pipe(
        startWith(null),
        map(() => this.document.visibilityState !== 'hidden'),
        distinctUntilChanged(),
        switchMap((visible) => (visible ? timer(0, this.pollMs) : EMPTY)),
        switchMap(() => this.api.list().pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((page) => this.page.set(page));
  }

  protected time(notification: NotificationResponse): string {
    return formatInstant(notification.createdAt, this.lang());
  }

  protected open(notification: NotificationResponse): void {
    if (!notification.readAt) {
      this.markLocally(notification.id);
      this.api
        .markRead(notification.id)
        .pipe(
          catchError(() => EMPTY),
          takeUntilDestroyed(this.destroyRef),
        )
        .subscribe();
    }
    if (notification.meetingId) {
      void this.router.navigate(['/meetings', notification.meetingId]);
    }
  }

  protected markAllRead(): void {
    const now = new Date().toISOString();
    this.page.update((page) => ({
      unreadCount: 0,
      items: page.items.map((item) => (item.readAt ? item : { ...item, readAt: now })),
    }));
    this.api
      .markAllRead()
      .pipe(
        catchError(() => EMPTY),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  private markLocally(id: string): void {
    const now = new Date().toISOString();
    this.page.update((page) => ({
      unreadCount: Math.max(0, page.unreadCount - 1),
      items: page.items.map((item) => (item.id === id ? { ...item, readAt: now } : item)),
    }));
  }
}
