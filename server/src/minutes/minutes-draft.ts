import type {
  AttendanceStatus,
  MeetingMode,
  MeetingRole,
  ParticipantKind,
  PollKind,
  PollState,
  SpeechKind,
} from '@app/shared';

import { MEETING_TIME_ZONE } from '../meetings/invitations/invitation-content';

/** One participant as the minutes name them, with their attendance. */
export interface MinutesAttendee {
  participantId: string;
  displayName: string;
  unitName: string | null;
  meetingRole: MeetingRole;
  kind: ParticipantKind;
  votingMember: boolean;
  status: AttendanceStatus;
  /** Reason given for an absence. */
  reason: string | null;
  /** The commune site (participant id) that declared this member present in its room. */
  siteParticipantId: string | null;
  /** The member who holds this member's vote. */
  proxyHolderId: string | null;
}

/** One time someone had the floor. */
export interface MinutesSpeech {
  displayName: string;
  unitName: string | null;
  kind: SpeechKind;
  agendaItemId: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export interface MinutesAgendaItem {
  id: string;
  position: number;
  title: string;
  presenter: string | null;
}

export interface MinutesConclusion {
  agendaItemId: string;
  text: string;
}

/** Everything the draft is written from, read from the meeting and its live session. */
export interface MinutesFacts {
  meeting: {
    title: string;
    startsAt: Date;
    endsAt: Date;
    place: string;
    mode: MeetingMode;
    organiserName: string;
    /** When it really went live / closed (from the status changes); null if it has not. */
    openedAt: Date | null;
    closedAt: Date | null;
  };
  agenda: MinutesAgendaItem[];
  attendance: MinutesAttendee[];
  speeches: MinutesSpeech[];
  /** Closed polls with their results (open ones have none yet and are left out). */
  polls: PollState[];
  conclusions: MinutesConclusion[];
}

/** A line left for the secretary to fill in. */
export const BLANK = '……………………………………';

const MODE_VI: Record<MeetingMode, string> = {
  in_person: 'Họp trực tiếp',
  online: 'Họp trực tuyến',
  hybrid: 'Họp trực tiếp kết hợp trực tuyến',
};

const SPEECH_VI: Record<SpeechKind, string> = {
  speech: 'phát biểu',
  question: 'đặt câu hỏi',
  point_of_order: 'ý kiến về thủ tục',
};

const POLL_KIND_VI: Record<PollKind, string> = {
  open: 'biểu quyết công khai',
  named: 'biểu quyết ghi danh',
  secret: 'bỏ phiếu kín',
};

const ROLE_VI: Partial<Record<MeetingRole, string>> = { chair: 'Chủ trì', secretary: 'Thư ký', guest: 'Khách mời' };

const parts = (date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: MEETING_TIME_ZONE, hourCycle: 'h23', ...options })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );

/** "ngày 23 tháng 11 năm 2026" (Hanoi time). */
export function vietnameseDate(date: Date): string {
  const p = parts(date, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "08 giờ 05 phút, ngày 23 tháng 11 năm 2026" (Hanoi time). */
export function vietnameseDateTime(date: Date): string {
  const p = parts(date, { hour: '2-digit', minute: '2-digit' });
  return `${p.hour} giờ ${p.minute} phút, ${vietnameseDate(date)}`;
}

/** "08:05" (Hanoi time). */
function clock(date: Date): string {
  const p = parts(date, { hour: '2-digit', minute: '2-digit' });
  return `${p.hour}:${p.minute}`;
}

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** `count` of `total` as "2 (66,67%)"; "2" when nobody was eligible. */
export function countWithPercent(count: number, total: number): string {
  return total > 0 ? `${count} (${percentFormat.format((count / total) * 100)}%)` : String(count);
}

function nameWithUnit(person: { displayName: string; unitName: string | null }): string {
  return person.unitName ? `${inline(person.displayName)} – ${inline(person.unitName)}` : inline(person.displayName);
}

/** Text typed by people (titles, places, reasons) on one line, where the markup cannot catch it. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|\|/g, '‖');
}

/**
 * Several lines typed by people (a conclusion), after a label: a later line that would read as markup
 * (`# `, `>> `, `- `, `---`) is escaped with a leading backslash, which the PDF drops.
 */
function block(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((l, index) => {
      const line = l.replace(/\|\|/g, '‖');
      return index > 0 && /^\s*(#|>>|-\s|---|\\)/.test(line) ? `\\${line}` : line;
    })
    .join('\n');
}

function minutesOf(seconds: number): string {
  return seconds < 60 ? 'dưới 1 phút' : `${Math.round(seconds / 60)} phút`;
}

/**
 * The draft minutes (biên bản cuộc họp) in Vietnamese, in the administrative layout: national motto,
 * time and place, who attended and who was absent (with reasons), then each agenda item with the
 * speeches, vote results and conclusion, the closing time and the signatures.
 */
export function draftMinutes(facts: MinutesFacts): string {
  const { meeting } = facts;
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const byId = new Map(facts.attendance.map((a) => [a.participantId, a]));
  const chair = facts.attendance.filter((a) => a.meetingRole === 'chair');
  const secretaries = facts.attendance.filter((a) => a.meetingRole === 'secretary');
  const startedAt = meeting.openedAt ?? meeting.startsAt;

  // Heading: issuing body on the left, national motto on the right.
  line(`# ${inline(meeting.organiserName).toLocaleUpperCase('vi')} || # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`);
  line(' || # Độc lập - Tự do - Hạnh phúc');
  line('---');
  line(`>> ${BLANK.slice(0, 8)}, ${vietnameseDate(meeting.closedAt ?? startedAt)}`);
  line();
  line('# BIÊN BẢN CUỘC HỌP');
  line(`# ${inline(meeting.title)}`);
  line();

  line('## I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC');
  line(`- Thời gian: bắt đầu lúc ${vietnameseDateTime(startedAt)}.`);
  line(`- Địa điểm: ${inline(meeting.place)}.`);
  line(`- Hình thức: ${MODE_VI[meeting.mode]}.`);
  line(`- Đơn vị tổ chức: ${inline(meeting.organiserName)}.`);
  line();

  line('## II. THÀNH PHẦN THAM DỰ');
  line(`- Chủ trì: ${chair.length ? chair.map(nameWithUnit).join('; ') : BLANK}.`);
  line(`- Thư ký: ${secretaries.length ? secretaries.map(nameWithUnit).join('; ') : BLANK}.`);
  const people = facts.attendance.filter((a) => a.kind === 'person');
  const voting = people.filter((a) => a.votingMember);
  const presentVoting = voting.filter((a) => isPresent(a));
  line(
    `- Số thành viên có quyền biểu quyết: ${voting.length}; có mặt: ${countWithPercent(presentVoting.length, voting.length)}.`,
  );
  const inPerson = people.filter((a) => a.status === 'in_person' && !a.siteParticipantId);
  const online = people.filter((a) => a.status === 'online' && !a.siteParticipantId);
  const atSites = people.filter((a) => isPresent(a) && a.siteParticipantId);
  const absent = people.filter((a) => a.status === 'absent');
  const unknown = people.filter((a) => a.status === 'unknown');
  const roleNote = (a: MinutesAttendee) => (ROLE_VI[a.meetingRole] ? ` (${ROLE_VI[a.meetingRole]})` : '');

  line();
  line(`### 1. Có mặt trực tiếp: ${inPerson.length}`);
  for (const a of inPerson) line(`- ${nameWithUnit(a)}${roleNote(a)}`);
  line();
  line(`### 2. Tham dự trực tuyến: ${online.length}`);
  for (const a of online) line(`- ${nameWithUnit(a)}${roleNote(a)}`);
  line();
  const sites = facts.attendance.filter((a) => a.kind === 'site');
  line(`### 3. Tham dự tại điểm cầu: ${atSites.length}`);
  for (const site of sites) {
    const members = atSites.filter((a) => a.siteParticipantId === site.participantId);
    line(
      `- ${site.displayName}: ${members.length ? members.map((a) => a.displayName).join(', ') : 'không có thành viên nào được ghi nhận'}`,
    );
  }
  for (const a of atSites.filter((m) => !sites.some((s) => s.participantId === m.siteParticipantId))) {
    line(`- ${nameWithUnit(a)}`);
  }
  line();
  line(`### 4. Vắng mặt: ${absent.length}`);
  for (const a of absent) {
    const reason = a.reason?.trim() ? `lý do: ${inline(a.reason)}` : 'không có lý do';
    const proxy = a.proxyHolderId && byId.get(a.proxyHolderId);
    line(
      `- ${nameWithUnit(a)}${roleNote(a)} – ${reason}${proxy ? `; ủy quyền biểu quyết cho ${proxy.displayName}` : ''}`,
    );
  }
  if (unknown.length) {
    line();
    line(`### 5. Chưa ghi nhận điểm danh: ${unknown.length}`);
    for (const a of unknown) line(`- ${nameWithUnit(a)}${roleNote(a)}`);
  }
  line();

  line('## III. NỘI DUNG CUỘC HỌP');
  const items = [...facts.agenda].sort((a, b) => a.position - b.position);
  const known = new Set(items.map((item) => item.id));
  for (const item of items) {
    line();
    line(`### ${item.position}. ${inline(item.title)}`);
    if (item.presenter) line(`Trình bày: ${inline(item.presenter)}.`);
    writeSection(
      line,
      facts.speeches.filter((s) => s.agendaItemId === item.id),
      facts.polls.filter((p) => p.agendaItemId === item.id),
      facts.conclusions.find((c) => c.agendaItemId === item.id)?.text ?? null,
    );
  }
  const looseSpeeches = facts.speeches.filter((s) => !s.agendaItemId || !known.has(s.agendaItemId));
  const loosePolls = facts.polls.filter((p) => !p.agendaItemId || !known.has(p.agendaItemId));
  if (looseSpeeches.length || loosePolls.length) {
    line();
    line(`### ${items.length + 1}. Nội dung khác`);
    writeSection(line, looseSpeeches, loosePolls, undefined);
  }
  line();

  line('## IV. KẾT THÚC CUỘC HỌP');
  line(
    meeting.closedAt
      ? `Cuộc họp kết thúc lúc ${vietnameseDateTime(meeting.closedAt)}.`
      : `Cuộc họp kết thúc lúc …… giờ …… phút, ${vietnameseDate(startedAt)}.`,
  );
  line('Biên bản đã được thông qua trước các thành viên dự họp.');
  line();

  line('# THƯ KÝ || # CHỦ TRÌ');
  line('(Ký, ghi rõ họ tên) || (Ký, ghi rõ họ tên)');
  for (let i = 0; i < 5; i++) line();
  line(
    `# ${secretaries.map((a) => a.displayName).join(', ') || BLANK} || # ${chair.map((a) => a.displayName).join(', ') || BLANK}`,
  );
  return out.join('\n') + '\n';
}

function isPresent(a: MinutesAttendee): boolean {
  return a.status === 'in_person' || a.status === 'online';
}

/** Speeches, vote results and conclusion of one agenda item (`conclusion` undefined: no conclusion line). */
function writeSection(
  line: (text?: string) => void,
  speeches: MinutesSpeech[],
  polls: PollState[],
  conclusion: string | null | undefined,
): void {
  line('Ý kiến phát biểu:');
  if (!speeches.length) line('- Không có ý kiến phát biểu.');
  for (const s of [...speeches].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
    const span = s.endedAt
      ? `${clock(s.startedAt)}–${clock(s.endedAt)}, ${minutesOf((s.endedAt.getTime() - s.startedAt.getTime()) / 1000)}`
      : `từ ${clock(s.startedAt)}`;
    line(`- ${nameWithUnit(s)} (${SPEECH_VI[s.kind]}, ${span}): ${BLANK}`);
  }
  if (polls.length) {
    line('Kết quả biểu quyết:');
    for (const poll of [...polls].sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt))) {
      writePoll(line, poll);
    }
  }
  if (conclusion !== undefined) {
    const text = conclusion?.trim();
    line(`Kết luận: ${text ? block(text) : BLANK}`);
  }
}

/** Yes / no / abstain polls read "Tán thành / Không tán thành / Không biểu quyết"; others list their options. */
function writePoll(line: (text?: string) => void, poll: PollState): void {
  const counts = poll.counts ?? {};
  const eligible = poll.eligible;
  const notVoted = Math.max(0, eligible - poll.ballots);
  line(`- Nội dung biểu quyết: ${inline(poll.question)} (${POLL_KIND_VI[poll.kind]}).`);
  line(`- Số thành viên có quyền biểu quyết: ${eligible}; số phiếu: ${poll.ballots}.`);
  const keys = poll.options.map((o) => o.key);
  const standard = keys.length === 3 && ['yes', 'no', 'abstain'].every((k) => keys.includes(k));
  const voters = (key: string) =>
    poll.kind === 'named' && poll.votes
      ? poll.votes.filter((v) => v.choices.includes(key)).map((v) => v.memberName)
      : [];
  const withNames = (key: string, text: string) => {
    const names = voters(key);
    return names.length ? `${text} – ${names.join(', ')}` : text;
  };
  if (standard) {
    line(withNames('yes', `- Tán thành: ${countWithPercent(counts.yes ?? 0, eligible)}`) + '.');
    line(withNames('no', `- Không tán thành: ${countWithPercent(counts.no ?? 0, eligible)}`) + '.');
    const abstained = (counts.abstain ?? 0) + notVoted;
    const detail =
      counts.abstain && notVoted ? ` (${counts.abstain} phiếu không biểu quyết, ${notVoted} không bỏ phiếu)` : '';
    line(withNames('abstain', `- Không biểu quyết: ${countWithPercent(abstained, eligible)}${detail}`) + '.');
    return;
  }
  for (const option of poll.options) {
    line(
      withNames(option.key, `- ${inline(option.label)}: ${countWithPercent(counts[option.key] ?? 0, eligible)}`) + '.',
    );
  }
  line(`- Không tham gia biểu quyết: ${countWithPercent(notVoted, eligible)}.`);
}
