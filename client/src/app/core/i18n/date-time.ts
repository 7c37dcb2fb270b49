import { formatDate, registerLocaleData } from '@angular/common';
import localeVi from '@angular/common/locales/vi';

import { Lang } from './languages';

// Angular ships English locale data; Vietnamese has to be registered.
registerLocaleData(localeVi);

/** Meetings happen in Việt Nam: show every time in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export const DISPLAY_TIME_ZONE = '+0700';

export interface TimeRangeText {
  /** e.g. "Thứ Năm, 12 tháng 6, 2025" / "Thursday, June 12, 2025"; for several days, the start. */
  date: string;
  /** e.g. "08:00–11:30" / "8:00 AM–11:30 AM"; for several days, the end. */
  time: string;
}

/** Formats a start–end pair of ISO instants for `lang`, as two lines. */
export function formatTimeRange(startsAt: string, endsAt: string, lang: Lang): TimeRangeText {
  const format = (value: string, pattern: string) => formatDate(value, pattern, lang, DISPLAY_TIME_ZONE);
  const sameDay = format(startsAt, 'yyyy-MM-dd') === format(endsAt, 'yyyy-MM-dd');
  if (sameDay) {
    return {
      date: format(startsAt, 'fullDate'),
      time: `${format(startsAt, 'shortTime')}–${format(endsAt, 'shortTime')}`,
    };
  }
  // Over midnight or several days: "22 thg 11, 2026 23:00 –" / "23 thg 11, 2026 02:00".
  return {
    date: `${format(startsAt, 'mediumDate')} ${format(startsAt, 'shortTime')} –`,
    time: `${format(endsAt, 'mediumDate')} ${format(endsAt, 'shortTime')}`,
  };
}

/** The Hà Nội calendar date (`yyyy-MM-dd`) and time (`HH:mm`) of an instant, for date and time inputs. */
export function toLocalParts(instant: string): { date: string; time: string } {
  return {
    date: formatDate(instant, 'yyyy-MM-dd', 'en', DISPLAY_TIME_ZONE),
    time: formatDate(instant, 'HH:mm', 'en', DISPLAY_TIME_ZONE),
  };
}

/** `2026-12-01` + `08:30` in Hà Nội → `2026-12-01T08:30:00+07:00`; empty when either part is missing. */
export function fromLocalParts(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
    return '';
  }
  return `${date}T${time}:00+07:00`;
}

/** A date and time in the reader's language, in Hà Nội time: "23 thg 11, 2026 08:30". */
export function formatInstant(instant: string, lang: Lang): string {
  return formatDate(instant, 'medium', lang, DISPLAY_TIME_ZONE);
}
