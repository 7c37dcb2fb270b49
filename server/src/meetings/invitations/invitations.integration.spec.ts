import type { MeetingDetailResponse, NotificationResponse, NotificationsPageResponse } from '@app/shared';
import { getRepositoryToken } from '@nestjs/typeorm';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { loginAs } from '../../testing/login';
import type { TestApp } from '../../testing/test-app';
import { Meeting } from '../meeting.entity';
import { MeetingRemindersService } from '../reminders/meeting-reminders.service';
import { MeetingInvitationsService } from './meeting-invitations.service';
import {
  addParticipants,
  BOOT_TIMEOUT,
  bootApp,
  createMeeting,
  giveEveryoneAnEmail,
  HOUR,
  OutboxMail,
  readOutbox,
  transition,
} from '../testing/meeting-fixtures';

describe('invitations, notifications and reminders', () => {
  let t: TestApp;
  let secretary: TestAgent;
  let delegate: TestAgent;
  let seen = new Set<string>();

  /** Mails written since the last call. */
  async function newMail(): Promise<OutboxMail[]> {
    const all = await readOutbox(t);
    const fresh = all.filter((m) => !seen.has(m.file));
    seen = new Set(all.map((m) => m.file));
    return fresh;
  }

  async function notificationsOf(agent: TestAgent): Promise<NotificationsPageResponse> {
    return (await agent.get('/api/notifications').expect(200)).body as NotificationsPageResponse;
  }

  beforeAll(async () => {
    t = await bootApp();
    await giveEveryoneAnEmail(t);
    secretary = await loginAs(t, 'thuky');
    delegate = await loginAs(t, 'daibieu');
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  async function scheduledMeeting(inHours = 72): Promise<MeetingDetailResponse> {
    const meeting = await createMeeting(secretary, inHours);
    await addParticipants(secretary, t, meeting.id, ['chutoa', 'daibieu', 'daibieu2', 'xa.anbinh']);
    expect(await newMail()).toEqual([]); // nobody hears of a draft
    await transition(secretary, meeting.id, 'scheduled').expect(200);
    return meeting;
  }

  it('sends each invited participant an .eml with a calendar invitation and a notification when scheduled', async () => {
    const before = (await notificationsOf(delegate)).unreadCount;
    const meeting = await scheduledMeeting();
    const mails = await newMail();
    // Everyone but the secretary who scheduled it.
    expect(mails.map((m) => m.to).sort()).toEqual([
      'chutoa@songlam.gov.vn',
      'daibieu2@songlam.gov.vn',
      'daibieu@songlam.gov.vn',
      'xa.anbinh@songlam.gov.vn',
    ]);
    for (const mail of mails) {
      expect(mail.subject).toBe('Giấy mời họp: Họp giao ban Ủy ban nhân dân huyện');
      expect(mail).toMatchObject({ kind: 'meeting_invited', meetingId: meeting.id });
      expect(mail.raw).toContain('Content-Type: text/calendar; charset=utf-8; method=REQUEST');
      expect(mail.raw).toContain(`UID:${meeting.id}@e-cabinet`);
    }
    const page = await notificationsOf(delegate);
    expect(page.unreadCount).toBe(before + 1);
    expect(page.items[0]).toMatchObject({
      kind: 'meeting_invited',
      meetingId: meeting.id,
      title: 'Giấy mời họp: Họp giao ban Ủy ban nhân dân huyện',
      readAt: null,
    });
    expect(page.items[0].body).toContain('Địa điểm: Phòng họp số 2, UBND huyện');
    for (const username of ['chutoa', 'daibieu2', 'xa.anbinh']) {
      const items = (await notificationsOf(await loginAs(t, username))).items;
      expect(items.filter((n) => n.meetingId === meeting.id).map((n) => n.kind)).toEqual(['meeting_invited']);
    }
    const mine = (await notificationsOf(secretary)).items.filter((n) => n.meetingId === meeting.id);
    expect(mine).toEqual([]);
  });

  it('tells participants of a new time or place, but not of a new title', async () => {
    const meeting = await scheduledMeeting();
    await newMail();
    await secretary.patch(`/api/meetings/${meeting.id}`).send({ title: 'Họp giao ban (sửa tên)' }).expect(200);
    expect(await newMail()).toEqual([]);
    const startsAt = new Date(Date.parse(meeting.startsAt) + HOUR).toISOString();
    const endsAt = new Date(Date.parse(meeting.endsAt) + HOUR).toISOString();
    await secretary.patch(`/api/meetings/${meeting.id}`).send({ startsAt, endsAt }).expect(200);
    const mails = await newMail();
    expect(mails).toHaveLength(4);
    expect(mails[0].subject).toBe('Thay đổi lịch họp: Họp giao ban (sửa tên)');
    expect(mails[0].raw).toContain('method=REQUEST');
    expect((await notificationsOf(delegate)).items[0]).toMatchObject({
      kind: 'meeting_updated',
      meetingId: meeting.id,
    });
  });

  it('sends the cancellation with its reason and a calendar cancellation', async () => {
    const meeting = await scheduledMeeting();
    await newMail();
    await transition(secretary, meeting.id, 'cancelled', 'Bão số 5 đổ bộ').expect(200);
    const mails = await newMail();
    expect(mails).toHaveLength(4);
    expect(mails.every((m) => m.kind === 'meeting_cancelled' && m.subject.startsWith('Hủy cuộc họp:'))).toBe(true);
    expect(mails[0].raw).toContain('method=CANCEL');
    const latest = (await notificationsOf(delegate)).items[0];
    expect(latest.kind).toBe('meeting_cancelled');
    expect(latest.body).toContain('Lý do: Bão số 5 đổ bộ');
  });

  it('invites a participant added to a scheduled meeting, and only them', async () => {
    const meeting = await scheduledMeeting();
    await newMail();
    await addParticipants(secretary, t, meeting.id, ['quantri']);
    const mails = await newMail();
    expect(mails.map((m) => m.to)).toEqual(['quantri@songlam.gov.vn']);
    expect(mails[0].kind).toBe('meeting_invited');
  });

  it('notifies in the app even without an e-mail address', async () => {
    const meeting = await createMeeting(secretary);
    await addParticipants(secretary, t, meeting.id, ['daibieu2']);
    const users = t.app.get(DataSource);
    await users.query(`UPDATE users SET email = NULL WHERE username = 'daibieu2'`);
    await transition(secretary, meeting.id, 'scheduled').expect(200);
    expect((await newMail()).map((m) => m.to)).toEqual([]);
    const items = (await notificationsOf(await loginAs(t, 'daibieu2'))).items;
    expect(items[0]).toMatchObject({ kind: 'meeting_invited', meetingId: meeting.id });
    await users.query(`UPDATE users SET email = 'daibieu2@songlam.gov.vn' WHERE username = 'daibieu2'`);
  });

  it('marks notifications read, one or all, and never someone else’s', async () => {
    const page = await notificationsOf(delegate);
    expect(page.unreadCount).toBeGreaterThan(1);
    const first = page.items[0];
    const read = (await delegate.post(`/api/notifications/${first.id}/read`).expect(200)).body as NotificationResponse;
    expect(read.readAt).not.toBeNull();
    expect((await notificationsOf(delegate)).unreadCount).toBe(page.unreadCount - 1);
    const again = (await delegate.post(`/api/notifications/${first.id}/read`).expect(200)).body as NotificationResponse;
    expect(again.readAt).toBe(read.readAt);

    const chair = await loginAs(t, 'chutoa');
    await chair.post(`/api/notifications/${page.items[1].id}/read`).expect(404);
    await delegate.post('/api/notifications/not-a-uuid/read').expect(400);
    await delegate.post('/api/notifications/read-all').expect(200);
    expect((await notificationsOf(delegate)).unreadCount).toBe(0);
    await delegate.get('/api/notifications?limit=0').expect(400);
  });

  describe('reminders', () => {
    let reminders: MeetingRemindersService;
    beforeAll(() => {
      reminders = t.app.get(MeetingRemindersService);
    });

    /** Far in the future, so the real once-a-minute tick never touches these meetings. */
    async function farMeeting(): Promise<MeetingDetailResponse> {
      const meeting = await createMeeting(secretary, 24 * 365 * 3);
      await addParticipants(secretary, t, meeting.id, ['daibieu', 'daibieu2']);
      await transition(secretary, meeting.id, 'scheduled').expect(200);
      await newMail();
      return meeting;
    }

    it('sends each reminder once per participant, and not again on the next tick or after a restart', async () => {
      const meeting = await farMeeting();
      const start = Date.parse(meeting.startsAt);
      // REMINDER_MINUTES_BEFORE defaults to 1440,60.
      expect((await reminders.tick(new Date(start - 25 * HOUR))).reminded).toBe(0);
      expect((await reminders.tick(new Date(start - 23 * HOUR))).reminded).toBe(3);
      let mails = (await newMail()).filter((m) => m.meetingId === meeting.id);
      expect(mails.map((m) => m.to).sort()).toEqual([
        'daibieu2@songlam.gov.vn',
        'daibieu@songlam.gov.vn',
        'thuky@songlam.gov.vn',
      ]);
      expect(mails[0].subject).toBe('Nhắc lịch họp: Họp giao ban Ủy ban nhân dân huyện');
      expect(mails[0].kind).toBe('meeting_reminder');
      expect((await reminders.tick(new Date(start - 22 * HOUR))).reminded).toBe(0);

      // A new service instance reads what was sent from the database, as after a restart.
      const restarted = new MeetingRemindersService(
        t.app.get(getRepositoryToken(Meeting)),
        t.app.get(DataSource),
        t.app.get(MeetingInvitationsService),
        t.config,
      );
      expect((await restarted.tick(new Date(start - 22 * HOUR))).reminded).toBe(0);
      expect((await restarted.tick(new Date(start - 30 * 60_000))).reminded).toBe(3);
      expect((await reminders.tick(new Date(start - 20 * 60_000))).reminded).toBe(0);
      mails = (await newMail()).filter((m) => m.meetingId === meeting.id);
      expect(mails).toHaveLength(3);
      const delegateItems = (await notificationsOf(delegate)).items.filter((n) => n.meetingId === meeting.id);
      expect(delegateItems.map((n) => n.kind)).toEqual(['meeting_reminder', 'meeting_reminder', 'meeting_invited']);
      expect(delegateItems[0].body).toContain('bắt đầu sau 30 phút');
    });

    it('sends one reminder, not two, when both marks are already due', async () => {
      const meeting = await farMeeting();
      const start = Date.parse(meeting.startsAt);
      expect((await reminders.tick(new Date(start - 10 * 60_000))).reminded).toBe(3);
      expect((await reminders.tick(new Date(start - 5 * 60_000))).reminded).toBe(0);
      expect((await newMail()).filter((m) => m.meetingId === meeting.id)).toHaveLength(3);
    });

    it('reminds again for a new start time, and never for a cancelled meeting', async () => {
      const meeting = await farMeeting();
      const start = Date.parse(meeting.startsAt);
      expect((await reminders.tick(new Date(start - 30 * 60_000))).reminded).toBe(3);
      const later = start + 2 * HOUR;
      await secretary
        .patch(`/api/meetings/${meeting.id}`)
        .send({ startsAt: new Date(later).toISOString(), endsAt: new Date(later + HOUR).toISOString() })
        .expect(200);
      expect((await reminders.tick(new Date(later - 30 * 60_000))).reminded).toBe(3);
      await transition(secretary, meeting.id, 'cancelled', 'Hoãn').expect(200);
      const other = await farMeeting();
      await transition(secretary, other.id, 'cancelled', 'Hoãn').expect(200);
      expect((await reminders.tick(new Date(Date.parse(other.startsAt) - 30 * 60_000))).reminded).toBe(0);
    });
  });
});
