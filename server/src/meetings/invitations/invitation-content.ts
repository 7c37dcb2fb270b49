import type { MeetingMode, NotificationKind } from '@app/shared';

import { buildIcs } from '../../mail/ics';
import type { CalendarPart } from '../../mail/mail.service';

/** The product serves one Vietnamese district: times in messages are Hanoi time. */
export const MEETING_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type AnnouncementKind = 'invited' | 'updated' | 'cancelled' | 'reminder';

export interface MeetingFacts {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  mode: MeetingMode;
  organiserName: string;
  cancelReason: string | null;
  createdAt: Date;
}

export interface Announcement {
  kind: NotificationKind;
  title: string;
  body: string;
  calendar?: CalendarPart;
}

const MODE_VI: Record<MeetingMode, string> = {
  in_person: 'Trực tiếp',
  online: 'Trực tuyến',
  hybrid: 'Trực tiếp kết hợp trực tuyến',
};

const KIND: Record<AnnouncementKind, NotificationKind> = {
  invited: 'meeting_invited',
  updated: 'meeting_updated',
  cancelled: 'meeting_cancelled',
  reminder: 'meeting_reminder',
};

/** The in-app text, the e-mail text and the calendar part of one announcement about a meeting. */
export function buildAnnouncement(
  kind: AnnouncementKind,
  meeting: MeetingFacts,
  organizer: { name: string; email: string },
  options: { minutesLeft?: number; now?: Date } = {},
): Announcement {
  const facts = [
    meeting.title,
    `Thời gian: ${formatTimeRange(meeting.startsAt, meeting.endsAt)}`,
    `Địa điểm: ${meeting.place}`,
    `Hình thức: ${MODE_VI[meeting.mode]}`,
    `Đơn vị tổ chức: ${meeting.organiserName}`,
  ].join('\n');
  const docs = 'Tài liệu cuộc họp được đăng tải trên hệ thống e-Cabinet.';
  const texts: Record<AnnouncementKind, { title: string; body: string }> = {
    invited: {
      title: `Giấy mời họp: ${meeting.title}`,
      body: `Trân trọng kính mời Quý vị tham dự cuộc họp:\n\n${facts}\n\n${docs}`,
    },
    updated: {
      title: `Thay đổi lịch họp: ${meeting.title}`,
      body: `Cuộc họp có thay đổi về thời gian hoặc địa điểm. Thông tin mới:\n\n${facts}\n\n${docs}`,
    },
    cancelled: {
      title: `Hủy cuộc họp: ${meeting.title}`,
      body:
        `Cuộc họp sau đây đã bị hủy:\n\n${facts}` + (meeting.cancelReason ? `\n\nLý do: ${meeting.cancelReason}` : ''),
    },
    reminder: {
      title: `Nhắc lịch họp: ${meeting.title}`,
      body: `Cuộc họp sẽ bắt đầu sau ${formatDuration(options.minutesLeft ?? 0)}:\n\n${facts}\n\n${docs}`,
    },
  };
  const calendar =
    kind === 'reminder'
      ? undefined
      : calendarPart(kind === 'cancelled' ? 'CANCEL' : 'REQUEST', meeting, organizer, options.now ?? new Date());
  return { kind: KIND[kind], ...texts[kind], calendar };
}

function calendarPart(
  method: 'REQUEST' | 'CANCEL',
  meeting: MeetingFacts,
  organizer: { name: string; email: string },
  now: Date,
): CalendarPart {
  const content = buildIcs(
    {
      uid: `${meeting.id}@e-cabinet`,
      // Grows with every message about the meeting, so calendars keep the newest copy.
      sequence: Math.max(0, Math.floor((now.getTime() - meeting.createdAt.getTime()) / 1000)),
      method,
      start: meeting.startsAt,
      end: meeting.endsAt,
      summary: meeting.title,
      location: meeting.place,
      description: `${MODE_VI[meeting.mode]} – ${meeting.organiserName}`,
      organizer,
    },
    now,
  );
  return { method, filename: method === 'CANCEL' ? 'huy-cuoc-hop.ics' : 'giay-moi-hop.ics', content };
}

const dayFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: MEETING_TIME_ZONE,
  weekday: 'long',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: MEETING_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "08:00 – 11:30, Thứ Hai, 30/11/2026", or both days when it spans midnight (Hanoi time). */
export function formatTimeRange(start: Date, end: Date): string {
  const startDay = dayFormat.format(start);
  const endDay = dayFormat.format(end);
  if (startDay === endDay) return `${timeFormat.format(start)} – ${timeFormat.format(end)}, ${startDay}`;
  return `${timeFormat.format(start)}, ${startDay} – ${timeFormat.format(end)}, ${endDay}`;
}

/** 30 → "30 phút", 90 → "1 giờ 30 phút", 1440 → "1 ngày". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const rest = m % 60;
  const parts = [days && `${days} ngày`, hours && `${hours} giờ`, rest && `${rest} phút`].filter(Boolean);
  return parts.length ? parts.join(' ') : 'ít phút';
}
