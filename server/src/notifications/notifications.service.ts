import type {
  ListNotificationsQuery,
  NotificationKind,
  NotificationResponse,
  NotificationsPageResponse,
} from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';

import { NotFoundError } from '../common/errors/domain-errors';
import { CalendarPart, MailMessage, MailService } from '../mail/mail.service';
import { User } from '../people/user.entity';
import { mapNotification } from './notification.mapper';
import { Notification } from './notification.entity';

export interface NotificationMessage {
  kind: NotificationKind;
  meetingId: string | null;
  /** One line; also the e-mail subject. */
  title: string;
  /** Plain text; also the e-mail body. */
  body: string;
}

export interface NotifyOptions {
  /** Also e-mail the message to every recipient with an address (default: in-app only). */
  email?: boolean;
  /** A calendar invitation or cancellation to attach to the e-mail. */
  calendar?: CalendarPart;
}

export interface NotifyResult {
  notified: number;
  emailed: number;
}

const MAIL_FOOTER =
  '\n\n—\nThư này được gửi tự động từ hệ thống phòng họp không giấy e-Cabinet. Vui lòng không trả lời.';

/**
 * In-app notifications (and, when asked, the same message by e-mail). Call `notify` after the change
 * it announces has committed: e-mails cannot be taken back by a rollback.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly mail: MailService,
  ) {}

  /** One notification per active recipient (duplicates and unknown ids are ignored); e-mails go in the background. */
  async notify(userIds: string[], message: NotificationMessage, options: NotifyOptions = {}): Promise<NotifyResult> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return { notified: 0, emailed: 0 };
    const recipients = await this.users.findBy({ id: In(ids), active: true });
    if (!recipients.length) return { notified: 0, emailed: 0 };
    const createdAt = new Date();
    await this.notifications.insert(
      recipients.map((user) =>
        this.notifications.create({
          userId: user.id,
          kind: message.kind,
          meetingId: message.meetingId,
          title: message.title.slice(0, 300),
          body: message.body,
          createdAt,
        }),
      ),
    );
    const mails: MailMessage[] = options.email
      ? recipients
          .filter((user): user is User & { email: string } => !!user.email)
          .map((user) => ({
            to: user.email,
            subject: message.title,
            text: `Kính gửi ${user.displayName},\n\n${message.body}${MAIL_FOOTER}`,
            calendar: options.calendar,
            headers: {
              'X-ECabinet-Kind': message.kind,
              ...(message.meetingId ? { 'X-ECabinet-Meeting': message.meetingId } : {}),
            },
          }))
      : [];
    this.mail.enqueue(mails);
    return { notified: recipients.length, emailed: mails.length };
  }

  async list(userId: string, query: ListNotificationsQuery): Promise<NotificationsPageResponse> {
    const [items, unreadCount] = await Promise.all([
      this.notifications.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: query.limit }),
      this.notifications.countBy({ userId, readAt: IsNull() }),
    ]);
    return { unreadCount, items: items.map(mapNotification) };
  }

  /** Someone else's notification answers 404, as if it did not exist. Marking twice keeps the first time. */
  async markRead(userId: string, id: string, now = new Date()): Promise<NotificationResponse> {
    const notification = await this.notifications.findOneBy({ id, userId });
    if (!notification) throw new NotFoundError(`Không tìm thấy thông báo / Notification ${id} not found`);
    if (!notification.readAt) {
      notification.readAt = now;
      await this.notifications.update({ id, userId }, { readAt: now });
    }
    return mapNotification(notification);
  }

  async markAllRead(userId: string, now = new Date()): Promise<{ updated: number }> {
    const result = await this.notifications.update({ userId, readAt: IsNull() }, { readAt: now });
    return { updated: result.affected ?? 0 };
  }
}
