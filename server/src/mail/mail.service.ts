import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

import { AppConfig } from '../config/app-config';

export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  filename: string;
  /** iCalendar text (see ics.ts). */
  content: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  calendar?: CalendarPart;
  /** Extra `X-…` headers, e.g. the meeting id, so a mailbox rule or a test can find the message. */
  headers?: Record<string, string>;
}

/**
 * Sends e-mail one message at a time in the background, so a slow or absent SMTP server never
 * holds up a request. Without SMTP_URL each message is written to the outbox folder as an .eml
 * file (what would have gone on the wire), for the demo and for tests.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly toOutbox: boolean;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(private readonly config: AppConfig) {
    this.toOutbox = !config.mail.smtpUrl;
    this.transport = this.toOutbox
      ? createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
      : createTransport(config.mail.smtpUrl);
  }

  /** Queues messages; never throws. A failed message is logged and the rest still go. */
  enqueue(messages: MailMessage[]): void {
    for (const message of messages) {
      this.queued++;
      this.queue = this.queue
        .then(() => this.deliver(message))
        .catch((error: unknown) => this.logger.warn(`Mail to ${message.to} failed: ${(error as Error).message}`))
        .finally(() => this.queued--);
    }
  }

  /** Resolves once every queued message was sent (or failed). */
  async whenIdle(): Promise<void> {
    while (this.queued > 0) await this.queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.whenIdle();
    this.transport.close();
  }

  private async deliver(message: MailMessage): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.config.mail.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: message.headers,
      icalEvent: message.calendar,
    })) as { message?: Buffer };
    if (this.toOutbox && info.message) await this.writeToOutbox(info.message);
  }

  /** Written under a temporary name first, so a reader of the folder never sees half a message. */
  private async writeToOutbox(bytes: Buffer): Promise<void> {
    const dir = this.config.mail.outboxDir;
    await mkdir(dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
    await writeFile(join(dir, `.${name}.tmp`), bytes);
    await rename(join(dir, `.${name}.tmp`), join(dir, name));
  }
}
