import { formatSeconds, speakingClock } from './speaking-time';

describe('speakingClock', () => {
  const startedAt = '2026-11-24T02:00:00.000Z';
  const endsAt = '2026-11-24T02:03:00.000Z';
  const at = (seconds: number) => Date.parse(startedAt) + seconds * 1000;

  it('counts down to the end of the slot, on the server’s clock', () => {
    expect(speakingClock({ startedAt, endsAt }, at(0))).toEqual({
      remaining: 180,
      elapsed: 0,
      shown: '3:00',
      state: 'running',
    });
    expect(speakingClock({ startedAt, endsAt }, at(65.4)).shown).toBe('1:55');
  });

  it('never shows more than the limit, even with a clock that runs a little behind the server', () => {
    expect(speakingClock({ startedAt, endsAt }, at(-1.2))).toMatchObject({ remaining: 180, shown: '3:00' });
  });

  it('warns in the last 30 seconds and is over at the end', () => {
    expect(speakingClock({ startedAt, endsAt }, at(149)).state).toBe('running');
    expect(speakingClock({ startedAt, endsAt }, at(150))).toMatchObject({ remaining: 30, state: 'warning' });
    expect(speakingClock({ startedAt, endsAt }, at(179.5))).toMatchObject({ remaining: 1, state: 'warning' });
    expect(speakingClock({ startedAt, endsAt }, at(180))).toMatchObject({ remaining: 0, state: 'over', shown: '0:00' });
    expect(speakingClock({ startedAt, endsAt }, at(200)).state).toBe('over');
  });

  it('counts up without a limit', () => {
    expect(speakingClock({ startedAt, endsAt: null }, at(75))).toEqual({
      remaining: null,
      elapsed: 75,
      shown: '1:15',
      state: 'unlimited',
    });
  });

  it('formats hours', () => {
    expect(formatSeconds(3725)).toBe('1:02:05');
    expect(formatSeconds(-3)).toBe('0:00');
  });
});
