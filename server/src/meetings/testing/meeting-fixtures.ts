import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { MeetingDetailResponse, MeetingStatus } from '@app/shared';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { DocumentProcessingService } from '../../documents/processing/document-processing.service';
import { MailService } from '../../mail/mail.service';
import { User } from '../../people/user.entity';
import { createTestApp, TestApp } from '../../testing/test-app';

/** Helpers for the meetings integration specs (real app, seeded demo). */

export const HOUR = 3_600_000;

/** Booting the app seeds the demo (argon2 hashes, PDFs): slow on two busy cores. */
export const BOOT_TIMEOUT = 60_000;

/**
 * The real app on the seeded demo, once the seeded documents are processed: their versions are
 * ready (the archive spec reads their files) and the ingest tools no longer compete for the CPU.
 */
export async function bootApp(): Promise<TestApp> {
  const t = await createTestApp();
  await t.app.get(DocumentProcessingService, { strict: false }).whenIdle();
  return t;
}

/** A meeting body starting `inHours` from now (or from `base`), lasting two hours. */
export function meetingBody(inHours: number, overrides: Record<string, unknown> = {}, base = Date.now()) {
  const startsAt = new Date(base + inHours * HOUR);
  return {
    title: 'Họp giao ban Ủy ban nhân dân huyện',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    place: 'Phòng họp số 2, UBND huyện',
    mode: 'in_person',
    ...overrides,
  };
}

export async function createMeeting(
  agent: TestAgent,
  inHours = 48,
  overrides: Record<string, unknown> = {},
): Promise<MeetingDetailResponse> {
  const res = await agent.post('/api/meetings').send(meetingBody(inHours, overrides)).expect(201);
  return res.body as MeetingDetailResponse;
}

export function transition(agent: TestAgent, meetingId: string, to: MeetingStatus, reason?: string) {
  return agent.post(`/api/meetings/${meetingId}/transitions`).send(reason ? { to, reason } : { to });
}

/** Walks a meeting from its current status along the main path to `target`. */
export async function moveTo(agent: TestAgent, meetingId: string, target: MeetingStatus): Promise<void> {
  const path: MeetingStatus[] = ['draft', 'scheduled', 'live', 'closed', 'archived'];
  const current = ((await agent.get(`/api/meetings/${meetingId}`).expect(200)).body as MeetingDetailResponse).status;
  for (const status of path.slice(path.indexOf(current) + 1, path.indexOf(target) + 1)) {
    await transition(agent, meetingId, status).expect(200);
  }
}

export async function userIdOf(t: TestApp, username: string): Promise<string> {
  return (await t.app.get(DataSource).getRepository(User).findOneByOrFail({ username })).id;
}

export async function addParticipants(agent: TestAgent, t: TestApp, meetingId: string, usernames: string[]) {
  for (const username of usernames) {
    await agent
      .post(`/api/meetings/${meetingId}/participants`)
      .send({ userId: await userIdOf(t, username) })
      .expect(201);
  }
}

/** The demo accounts have no e-mail; give every account one so invitations can be mailed. */
export async function giveEveryoneAnEmail(t: TestApp): Promise<void> {
  const users = t.app.get(DataSource).getRepository(User);
  for (const user of await users.find()) {
    await users.update({ id: user.id }, { email: `${user.username}@songlam.gov.vn` });
  }
}

export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  kind: string;
  meetingId: string;
  raw: string;
}

/** Every .eml in the outbox, once the mail queue is drained. */
export async function readOutbox(t: TestApp): Promise<OutboxMail[]> {
  await t.app.get(MailService).whenIdle();
  const dir = t.config.mail.outboxDir;
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = await readFile(join(dir, file), 'utf8');
      return {
        file,
        raw,
        to: header(raw, 'To'),
        subject: decodeWords(header(raw, 'Subject')),
        kind: header(raw, 'X-ECabinet-Kind'),
        meetingId: header(raw, 'X-ECabinet-Meeting'),
      };
    }),
  );
}

/** One header, unfolded. */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`) → text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) => {
      if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, hex: string) => `%${hex}`);
      return decodeURIComponent(bytes);
    });
}
