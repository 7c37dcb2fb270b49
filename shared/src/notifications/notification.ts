import * as z from 'zod';

/** What a notification is about; the client picks an icon and a link from it. */
export const NotificationKindSchema = z.enum([
  'meeting_invited',
  'meeting_updated',
  'meeting_cancelled',
  'meeting_reminder',
  'document_added',
  'document_version_added',
]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** Query of `GET /api/notifications`. */
export const ListNotificationsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuerySchema>;

export interface NotificationResponse {
  id: string;
  kind: NotificationKind;
  meetingId: string | null;
  title: string;
  body: string;
  /** ISO 8601 instants. */
  createdAt: string;
  readAt: string | null;
}

export interface NotificationsPageResponse {
  /** Unread notifications in total, not only on this page. */
  unreadCount: number;
  /** Newest first. */
  items: NotificationResponse[];
}
