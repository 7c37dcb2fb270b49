import type { NotificationResponse } from '@app/shared';

import { Notification } from './notification.entity';

export function mapNotification(notification: Notification): NotificationResponse {
  return {
    id: notification.id,
    kind: notification.kind,
    meetingId: notification.meetingId,
    title: notification.title,
    body: notification.body,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}
