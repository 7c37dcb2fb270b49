import { buildAnnouncement, formatDuration, formatTimeRange, MeetingFacts } from './invitation-content';

const meeting: MeetingFacts = {
  id: '7d1f0c1e-1111-4a4a-8b8b-000000000001',
  title: 'Kỳ họp thứ Mười hai HĐND huyện',
  startsAt: new Date('2026-11-30T01:00:00Z'),
  endsAt: new Date('2026-11-30T04:30:00Z'),
  place: 'Hội trường tầng 3',
  mode: 'hybrid',
  organiserName: 'Huyện Sông Lam',
  cancelReason: null,
  createdAt: new Date('2026-11-20T00:00:00Z'),
};
const organizer = { name: 'e-Cabinet', email: 'no-reply@e-cabinet.local' };

describe('meeting announcements', () => {
  it('writes times in Hanoi time, in Vietnamese', () => {
    expect(formatTimeRange(meeting.startsAt, meeting.endsAt)).toBe('08:00 – 11:30, Thứ Hai, 30/11/2026');
    expect(formatTimeRange(new Date('2026-11-30T10:00:00Z'), new Date('2026-11-30T18:00:00Z'))).toBe(
      '17:00, Thứ Hai, 30/11/2026 – 01:00, Thứ Ba, 01/12/2026',
    );
  });

  it('says how long until the start', () => {
    expect(formatDuration(30)).toBe('30 phút');
    expect(formatDuration(90)).toBe('1 giờ 30 phút');
    expect(formatDuration(1440)).toBe('1 ngày');
  });

  it('invites with the facts and a calendar request', () => {
    const a = buildAnnouncement('invited', meeting, organizer);
    expect(a.kind).toBe('meeting_invited');
    expect(a.title).toBe('Giấy mời họp: Kỳ họp thứ Mười hai HĐND huyện');
    expect(a.body).toContain('Thời gian: 08:00 – 11:30, Thứ Hai, 30/11/2026');
    expect(a.body).toContain('Hình thức: Trực tiếp kết hợp trực tuyến');
    expect(a.calendar?.method).toBe('REQUEST');
    expect(a.calendar?.content).toContain(`UID:${meeting.id}@e-cabinet`);
  });

  it('cancels with the reason and a calendar cancellation', () => {
    const a = buildAnnouncement('cancelled', { ...meeting, cancelReason: 'Bão số 5' }, organizer);
    expect(a.kind).toBe('meeting_cancelled');
    expect(a.body).toContain('Lý do: Bão số 5');
    expect(a.calendar?.method).toBe('CANCEL');
  });

  it('reminds without a calendar part', () => {
    const a = buildAnnouncement('reminder', meeting, organizer, { minutesLeft: 60 });
    expect(a.body).toContain('bắt đầu sau 1 giờ');
    expect(a.calendar).toBeUndefined();
  });

  it('numbers calendar updates upwards', () => {
    const first = buildAnnouncement('invited', meeting, organizer, { now: new Date('2026-11-21T00:00:00Z') });
    const later = buildAnnouncement('updated', meeting, organizer, { now: new Date('2026-11-22T00:00:00Z') });
    const seq = (ics?: string) => Number(/SEQUENCE:(\d+)/.exec(ics ?? '')?.[1]);
    expect(seq(later.calendar?.content)).toBeGreaterThan(seq(first.calendar?.content));
  });
});
