import { formatTimeRange, fromLocalParts, toLocalParts } from './date-time';

describe('formatTimeRange', () => {
  it('shows Hà Nội time whatever the device time zone, in Vietnamese', () => {
    // 01:00Z is 08:00 in Asia/Ho_Chi_Minh.
    expect(formatTimeRange('2030-06-13T01:00:00Z', '2030-06-13T04:30:00Z', 'vi')).toEqual({
      date: 'Thứ Năm, 13 tháng 6, 2030',
      time: '08:00–11:30',
    });
  });

  it('formats the same range in English', () => {
    const text = formatTimeRange('2030-06-13T01:00:00Z', '2030-06-13T04:30:00Z', 'en');
    expect(text.date).toBe('Thursday, June 13, 2030');
    expect(text.time).toMatch(/^8:00\sAM–11:30\sAM$/);
  });

  it('uses the Hà Nội day: 23:30Z on the 12th is 06:30 on the 13th', () => {
    expect(formatTimeRange('2030-06-12T23:30:00Z', '2030-06-13T01:00:00Z', 'vi').date).toBe(
      'Thứ Năm, 13 tháng 6, 2030',
    );
  });

  it('gives start and end their own date when a meeting spans several days', () => {
    expect(formatTimeRange('2030-06-13T01:00:00Z', '2030-06-14T09:00:00Z', 'vi')).toEqual({
      date: '13 thg 6, 2030 08:00 –',
      time: '14 thg 6, 2030 16:00',
    });
  });
});

describe('local date and time parts', () => {
  it('splits an instant into the Hà Nội date and time, and joins them back', () => {
    expect(toLocalParts('2026-11-30T23:30:00Z')).toEqual({ date: '2026-12-01', time: '06:30' });
    expect(fromLocalParts('2026-12-01', '06:30')).toBe('2026-12-01T06:30:00+07:00');
    expect(Date.parse(fromLocalParts('2026-12-01', '06:30'))).toBe(Date.parse('2026-11-30T23:30:00Z'));
  });

  it('gives an empty string for an incomplete date or time', () => {
    expect(fromLocalParts('', '08:00')).toBe('');
    expect(fromLocalParts('2026-12-01', '')).toBe('');
  });
});
