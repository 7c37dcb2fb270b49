import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { NotificationResponse, NotificationsPageResponse } from '@app/shared';

import { MEETING_ID } from '../../../testing/meeting-detail.stub';
import { provideAppHttpTesting } from '../../../testing/http-testing';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { NOTIFICATION_POLL_MS, NotificationBell } from './notification-bell';

function notificationStub(overrides: Partial<NotificationResponse> = {}): NotificationResponse {
  return {
    id: 'n-1',
    kind: 'document_added',
    meetingId: MEETING_ID,
    title: 'Tài liệu mới / New document',
    body: 'Tờ trình dự toán ngân sách / Budget proposal',
    createdAt: '2026-11-20T01:30:00.000Z',
    readAt: null,
    ...overrides,
  };
}

function pageStub(): NotificationsPageResponse {
  return {
    unreadCount: 1,
    items: [
      notificationStub(),
      notificationStub({
        id: 'n-2',
        kind: 'meeting_invited',
        title: 'Giấy mời họp / Meeting invitation',
        body: 'Kỳ họp thứ 12 / 12th session',
        createdAt: '2026-11-19T01:00:00.000Z',
        readAt: '2026-11-19T02:00:00.000Z',
      }),
    ],
  };
}

describe('NotificationBell', () => {
  let fixture: ComponentFixture<NotificationBell>;
  let http: HttpTestingController;

  async function create(pollMs: number): Promise<void> {
    TestBed.configureTestingModule({
      imports: [NotificationBell, translocoTesting()],
      providers: [provideRouter([]), provideAppHttpTesting(), { provide: NOTIFICATION_POLL_MS, useValue: pollMs }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationBell);
    await fixture.whenStable();
  }

  async function nextList(): Promise<TestRequest> {
    let found: TestRequest[] = [];
    await waitFor(() => (found = http.match('/api/notifications')).length > 0);
    return found[0];
  }

  afterEach(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    http.verify();
  });

  const bell = () => fixture.nativeElement.querySelector('[data-testid="notifications"]') as HTMLElement;
  const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows the unread count and lists the notifications newest first, unread ones marked', async () => {
    await create(60_000);
    (await nextList()).flush(pageStub());
    await fixture.whenStable();
    expect(text(fixture.nativeElement.querySelector('[data-testid="notifications-unread"]'))).toBe('1');
    expect(bell().getAttribute('aria-label')).toBe('Thông báo, 1 chưa đọc');

    bell().click();
    await fixture.whenStable();
    const items = all('notification');
    expect(items.map((item) => text(item.querySelector('[data-testid="notification-title"]')))).toEqual([
      'Tài liệu mới',
      'Giấy mời họp',
    ]);
    expect(text(items[0].querySelector('[data-testid="notification-body"]'))).toBe('Tờ trình dự toán ngân sách');
    expect(text(items[0].querySelector('[data-testid="notification-time"]'))).toContain('2026');
    expect(items.map((item) => item.getAttribute('data-unread'))).toEqual(['true', 'false']);
    expect(text(items[0])).toContain('Chưa đọc');
  });

  it('marks a notification read and goes to its meeting', async () => {
    await create(60_000);
    (await nextList()).flush(pageStub());
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    bell().click();
    await fixture.whenStable();
    all('notification')[0].click();

    const request = http.expectOne('/api/notifications/n-1/read');
    expect(request.request.method).toBe('POST');
    request.flush(notificationStub({ readAt: '2026-11-20T02:00:00.000Z' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/meetings', MEETING_ID]);
    expect(fixture.nativeElement.querySelector('[data-testid="notifications-unread"]')).toBeNull();
    expect(bell().getAttribute('aria-label')).toBe('Thông báo');
  });

  it('marks all notifications read', async () => {
    await create(60_000);
    (await nextList()).flush(pageStub());
    await fixture.whenStable();
    bell().click();
    await fixture.whenStable();
    expect(text(all('notifications-read-all')[0])).toBe('Đánh dấu tất cả đã đọc');
    all('notifications-read-all')[0].click();
    const request = http.expectOne('/api/notifications/read-all');
    expect(request.request.method).toBe('POST');
    request.flush({ updated: 1 });
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[data-testid="notifications-unread"]')).toBeNull();
  });

  it('says so when there is nothing', async () => {
    await create(60_000);
    (await nextList()).flush({ unreadCount: 0, items: [] });
    await fixture.whenStable();
    bell().click();
    await fixture.whenStable();
    expect(text(all('notifications-empty')[0])).toBe('Chưa có thông báo nào.');
    expect(all('notifications-read-all')).toHaveLength(0);
  });

  it('polls while the page is visible and stops while it is hidden', async () => {
    await create(20);
    (await nextList()).flush(pageStub());
    (await nextList()).flush(pageStub());

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    http.match('/api/notifications').forEach((request) => request.flush(pageStub()));
    await new Promise((resolve) => setTimeout(resolve, 80));
    http.expectNone('/api/notifications');

    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    (await nextList()).flush(pageStub());
    fixture.destroy();
  });
});
