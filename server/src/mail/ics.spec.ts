import { buildIcs, parseMailbox } from './ics';

describe('buildIcs', () => {
  const event = {
    uid: 'm-1@e-cabinet',
    sequence: 3,
    method: 'REQUEST' as const,
    start: new Date('2026-11-30T01:00:00Z'),
    end: new Date('2026-11-30T04:30:00Z'),
    summary: 'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX; phiên trù bị, chuẩn bị',
    location: 'Hội trường tầng 3, UBND huyện',
    description: 'Dòng 1\nDòng 2',
    organizer: { name: 'e-Cabinet', email: 'no-reply@e-cabinet.local' },
  };

  it('writes a VEVENT in UTC with escaped text and CRLF line ends', () => {
    const ics = buildIcs(event, new Date('2026-11-23T00:00:00Z'));
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('DTSTART:20261130T010000Z\r\n');
    expect(ics).toContain('DTEND:20261130T043000Z\r\n');
    expect(ics).toContain('DTSTAMP:20261123T000000Z\r\n');
    expect(ics).toContain('LOCATION:Hội trường tầng 3\\, UBND huyện\r\n');
    expect(ics).toContain('DESCRIPTION:Dòng 1\\nDòng 2\r\n');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('folds long lines at 75 octets without splitting a Vietnamese character', () => {
    const ics = buildIcs(event);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:${event.summary.replace(/[;,]/g, (c) => `\\${c}`)}`);
  });

  it('marks a cancellation as such', () => {
    const ics = buildIcs({ ...event, method: 'CANCEL' });
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
  });
});

describe('parseMailbox', () => {
  it('splits a display name from the address', () => {
    expect(parseMailbox('e-Cabinet <no-reply@e-cabinet.local>')).toEqual({
      name: 'e-Cabinet',
      email: 'no-reply@e-cabinet.local',
    });
    expect(parseMailbox('bare@x.vn')).toEqual({ name: 'bare@x.vn', email: 'bare@x.vn' });
  });
});
