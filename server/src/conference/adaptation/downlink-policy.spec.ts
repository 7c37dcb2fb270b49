import type { DownlinkLevel } from '@app/shared';

import { DownlinkPolicy, LinkSample } from './downlink-policy';

const TICK_MS = 2_000; // the room's timer

/** A link as the samples see it: estimate in kbps, loss 0..1. */
interface Link {
  kbps: number | null;
  loss?: number | null;
  videoStreams?: number;
  audioStreams?: number;
}

/** Feeds `count` samples of `link` (one per tick) and returns the level after each. */
function run(policy: DownlinkPolicy, clock: { at: number }, link: Link, count: number): DownlinkLevel[] {
  const levels: DownlinkLevel[] = [];
  for (let i = 0; i < count; i++) {
    clock.at += TICK_MS;
    const sample: LinkSample = {
      availableOutgoingBitrate: link.kbps === null ? null : link.kbps * 1000,
      downlinkLoss: link.loss === undefined ? 0 : link.loss,
      rttMs: 40,
      at: clock.at,
      videoStreams: link.videoStreams,
      audioStreams: link.audioStreams,
    };
    levels.push(policy.update(sample));
  }
  return levels;
}

/** Index of the first sample at `level`, or -1. */
const firstAt = (levels: DownlinkLevel[], level: DownlinkLevel) => levels.indexOf(level);

describe('DownlinkPolicy', () => {
  let policy: DownlinkPolicy;
  let clock: { at: number };

  beforeEach(() => {
    policy = new DownlinkPolicy('high');
    clock = { at: 0 };
  });

  it('keeps a steady good link at 720p', () => {
    expect(new Set(run(policy, clock, { kbps: 2_500 }, 60))).toEqual(new Set(['high']));
  });

  it('steps a link that collapses to 300 kbps down to 180p within a few samples, one level at a time, then to audio only below ~120 kbps', () => {
    run(policy, clock, { kbps: 2_500 }, 5);
    const collapse = run(policy, clock, { kbps: 300 }, 20);
    expect(collapse.slice(0, 4)).toEqual(['high', 'medium', 'medium', 'low']);
    expect(new Set(collapse.slice(3))).toEqual(new Set(['low'])); // 300 kbps carries 180p: no further

    const starved = run(policy, clock, { kbps: 100 }, 2);
    expect(starved).toEqual(['low', 'audio_only']);
  });

  it('does not step down on a single bad sample (estimate dip or loss burst)', () => {
    run(policy, clock, { kbps: 2_500 }, 3);
    const levels = [
      ...run(policy, clock, { kbps: 200 }, 1),
      ...run(policy, clock, { kbps: 2_500 }, 3),
      ...run(policy, clock, { kbps: 2_500, loss: 0.3 }, 1),
      ...run(policy, clock, { kbps: 2_500 }, 3),
    ];
    expect(new Set(levels)).toEqual(new Set(['high']));
  });

  it("does not step a joining peer down while mediasoup's estimate still starts at 600 kbps, but does if it stays there", () => {
    const levels = run(policy, clock, { kbps: 600 }, 8);
    expect(levels.slice(0, 3)).toEqual(['high', 'high', 'high']);
    expect(levels.at(-1)).toBe('medium');
  });

  it('steps down one level when loss stays high for two samples, even with a good estimate', () => {
    expect(run(policy, clock, { kbps: 2_500, loss: 0.15 }, 2)).toEqual(['high', 'medium']);
  });

  it('climbs back one level at a time, each only after the link held the higher level for 10 s', () => {
    policy = new DownlinkPolicy('low');
    const levels = run(policy, clock, { kbps: 3_000 }, 20);
    const medium = firstAt(levels, 'medium');
    const high = firstAt(levels, 'high');
    // The first good sample starts the hold; 5 more ticks (10 s) climb one level; then the next hold starts.
    expect(medium).toBe(5);
    expect((high - medium) * TICK_MS).toBeGreaterThanOrEqual(10_000);
    expect(levels.slice(0, medium).every((l) => l === 'low')).toBe(true);
    expect(levels.slice(medium, high).every((l) => l === 'medium')).toBe(true);
  });

  it('does not climb while the link still loses a few percent, however high the estimate', () => {
    policy = new DownlinkPolicy('low');
    expect(new Set(run(policy, clock, { kbps: 3_000, loss: 0.05 }, 20))).toEqual(new Set(['low']));
  });

  it('does not flap on a link hovering between 360p and 720p', () => {
    run(policy, clock, { kbps: 2_500 }, 5);
    // 900 kbps: above what keeps 720p (744 kbps), below what climbs to it (1116 kbps); then brief peaks.
    const levels = [
      ...run(policy, clock, { kbps: 900 }, 5),
      ...run(policy, clock, { kbps: 1_300 }, 3),
      ...run(policy, clock, { kbps: 600 }, 2),
      ...run(policy, clock, { kbps: 1_300 }, 3),
      ...run(policy, clock, { kbps: 600 }, 2),
    ];
    expect(new Set(levels.slice(0, 5))).toEqual(new Set(['high']));
    const changes = levels.filter((level, i) => i > 0 && level !== levels[i - 1]).length;
    expect(changes).toBe(1); // high → medium once, never back during short peaks
    expect(levels.at(-1)).toBe('medium');
  });

  it('stays in audio only while the user chose it, and returns to the measured level when released', () => {
    run(policy, clock, { kbps: 2_500 }, 5);
    expect(policy.setForcedAudioOnly(true)).toBe('audio_only');
    expect(new Set(run(policy, clock, { kbps: 2_500 }, 10))).toEqual(new Set(['audio_only']));
    expect(policy.setForcedAudioOnly(false)).toBe('high');
  });

  it('from audio only, tries 180p again after 15 s (the estimate is frozen without video) and backs off when the trial fails', () => {
    run(policy, clock, { kbps: 80 }, 10);
    expect(policy.level).toBe('audio_only');
    const frozen = run(policy, clock, { kbps: 80 }, 40);
    const trials = frozen.flatMap((level, i) => (level === 'low' && frozen[i - 1] !== 'low' ? [i] : []));
    // First trial ~15 s after stepping down; the frozen estimate is ignored for a few seconds, then it fails;
    // the next trial waits twice as long.
    expect(trials.length).toBeGreaterThanOrEqual(2);
    expect((trials[1] - trials[0]) * TICK_MS).toBeGreaterThan(30_000);
    expect(frozen[trials[0] + 2]).toBe('low'); // grace: two stale samples do not drop it at once
  });

  it('from audio only, a trial on a recovered link holds and climbs on', () => {
    run(policy, clock, { kbps: 80 }, 10);
    const levels = [...run(policy, clock, { kbps: 80 }, 8), ...run(policy, clock, { kbps: 3_000 }, 20)];
    expect(levels).toContain('low');
    expect(levels.at(-1)).not.toBe('audio_only');
    expect(levels).toContain('medium');
  });

  it('asks more of the link when the peer receives many tiles', () => {
    // 1.5 Mbps carries one 720p tile, not 720p plus twelve 180p tiles and thirteen voices (~3.5 Mbps).
    const levels = run(policy, clock, { kbps: 1_500, videoStreams: 13, audioStreams: 13 }, 8);
    expect(levels.at(-1)).not.toBe('high');
  });

  it('with no estimate (no transport-cc), climbs only on a loss-free link and stays put without any data', () => {
    policy = new DownlinkPolicy('medium');
    expect(new Set(run(policy, clock, { kbps: null, loss: null }, 10))).toEqual(new Set(['medium']));
    expect(run(policy, clock, { kbps: null, loss: 0 }, 10)).toContain('high');
  });
});
