import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { parseMailbox } from '../../mail/ics';
import { NotificationsService, NotifyResult } from '../../notifications/notifications.service';
import { Meeting } from '../meeting.entity';
import { AnnouncementKind, buildAnnouncement, MeetingFacts } from './invitation-content';

export interface Audience {
  /** Only these users (e.g. a participant just added); default: every participant. */
  userIds?: string[];
  /** Leave out whoever made the change: they know. */
  exceptUserId?: string;
}

/**
 * Tells participants about a meeting in the app and by e-mail (with a calendar part). Called after
 * the change committed; a failure here is logged, never turned into a failed request for a change
 * that already happened.
 */
@Injectable()
export class MeetingInvitationsService {
  private readonly logger = new Logger(MeetingInvitationsService.name);

  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async announce(
    kind: AnnouncementKind,
    meetingId: string,
    audience: Audience = {},
    options: { minutesLeft?: number; now?: Date } = {},
  ): Promise<NotifyResult> {
    try {
      const meeting = await this.meetings.findOne({
        where: { id: meetingId },
        relations: { organiser: true, participants: true },
      });
      if (!meeting) return { notified: 0, emailed: 0 };
      const wanted = audience.userIds ? new Set(audience.userIds) : null;
      const recipients = meeting.participants
        .map((p) => p.userId)
        .filter((id) => (!wanted || wanted.has(id)) && id !== audience.exceptUserId);
      const announcement = buildAnnouncement(kind, facts(meeting), parseMailbox(this.config.mail.from), options);
      return await this.notifications.notify(
        recipients,
        { kind: announcement.kind, meetingId, title: announcement.title, body: announcement.body },
        { email: true, calendar: announcement.calendar },
      );
    } catch (error) {
      this.logger.error(`Could not announce ${kind} of meeting ${meetingId}: ${(error as Error).message}`);
      return { notified: 0, emailed: 0 };
    }
  }
}

function facts(meeting: Meeting): MeetingFacts {
  return {
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    place: meeting.place,
    mode: meeting.mode,
    organiserName: meeting.organiser.name,
    cancelReason: meeting.cancelReason,
    createdAt: meeting.createdAt,
  };
}
