import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, DataSource, LessThanOrEqual, MoreThan, Repository } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { MeetingInvitationsService } from '../invitations/meeting-invitations.service';
import { Meeting } from '../meeting.entity';
import { ReminderDelivery } from './reminder-delivery.entity';

const TICK_MS = 60_000;

/**
 * Reminds participants of a scheduled meeting at each REMINDER_MINUTES_BEFORE mark, once. What was
 * sent is stored (per start time) before anything goes out, so a restart never sends it again and a
 * moved meeting gets fresh reminders. When several marks fall due together (a meeting scheduled at
 * short notice, or a server that was down) only one reminder goes out and all of them count as sent.
 *
 * A plain timer rather than @nestjs/schedule: version 12 of that package is ESM-only, which the
 * CommonJS Jest setup of the server cannot load.
 */
@Injectable()
export class MeetingRemindersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MeetingRemindersService.name);
  private ticking: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    private readonly dataSource: DataSource,
    private readonly invitations: MeetingInvitationsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.onInterval(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  /** A tick still running (slow SMTP, big meeting) is not started twice. */
  private onInterval(): void {
    if (this.ticking) return;
    this.ticking = this.tick(new Date())
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Reminder tick failed: ${(error as Error).message}`))
      .finally(() => (this.ticking = null));
  }

  /** Sends the reminders due at `now`; returns how many people were reminded. Public for tests. */
  async tick(now: Date): Promise<{ reminded: number }> {
    const marks = this.config.mail.reminderMinutesBefore;
    if (!marks.length) return { reminded: 0 };
    const horizon = new Date(now.getTime() + Math.max(...marks) * 60_000);
    const meetings = await this.meetings.find({
      where: { status: 'scheduled', startsAt: And(MoreThan(now), LessThanOrEqual(horizon)) },
      relations: { participants: true },
    });
    let reminded = 0;
    for (const meeting of meetings) {
      reminded += await this.remindOne(meeting, marks, now);
    }
    return { reminded };
  }

  private async remindOne(meeting: Meeting, marks: number[], now: Date): Promise<number> {
    const minutesLeft = (meeting.startsAt.getTime() - now.getTime()) / 60_000;
    const due = marks.filter((mark) => minutesLeft <= mark);
    if (!due.length) return 0;
    const recipients = await this.dataSource.transaction(async (manager) => {
      const deliveries = manager.getRepository(ReminderDelivery);
      const sent = new Set(
        (await deliveries.findBy({ meetingId: meeting.id }))
          .filter((d) => d.startsAt.getTime() === meeting.startsAt.getTime())
          .map((d) => `${d.userId}:${d.minutesBefore}`),
      );
      const rows = meeting.participants.flatMap((p) =>
        due
          .filter((mark) => !sent.has(`${p.userId}:${mark}`))
          .map((mark) =>
            deliveries.create({
              meetingId: meeting.id,
              userId: p.userId,
              minutesBefore: mark,
              startsAt: meeting.startsAt,
            }),
          ),
      );
      if (rows.length) await deliveries.insert(rows);
      return [...new Set(rows.map((r) => r.userId))];
    });
    if (!recipients.length) return 0;
    const result = await this.invitations.announce(
      'reminder',
      meeting.id,
      { userIds: recipients },
      { minutesLeft: Math.round(minutesLeft), now },
    );
    return result.notified;
  }
}
