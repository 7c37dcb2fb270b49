import { SpeakingSlot } from '@app/shared';

/** The last this-many seconds of a slot are shown as a warning. */
export const WARN_SECONDS = 30;

export interface SpeakingClock {
  /** Whole seconds left (counting down), null without a limit. */
  remaining: number | null;
  /** Whole seconds since the floor was given. */
  elapsed: number;
  /** What the timer shows: time left with a limit, time spoken without one. */
  shown: string;
  state: 'running' | 'warning' | 'over' | 'unlimited';
}

/** `m:ss` (or `h:mm:ss`). */
export function formatSeconds(total: number): string {
  const seconds = Math.max(0, Math.floor(total));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The speaker's clock at `serverNow` (ms on the server's clock, so every screen agrees). */
export function speakingClock(slot: Pick<SpeakingSlot, 'startedAt' | 'endsAt'>, serverNow: number): SpeakingClock {
  const elapsed = Math.max(0, Math.floor((serverNow - Date.parse(slot.startedAt)) / 1000));
  if (!slot.endsAt) {
    return { remaining: null, elapsed, shown: formatSeconds(elapsed), state: 'unlimited' };
  }
  // Never more than the limit: the clock offset is only as good as one trip's latency.
  const limit = Math.round((Date.parse(slot.endsAt) - Date.parse(slot.startedAt)) / 1000);
  const remaining = Math.min(limit, Math.max(0, Math.ceil((Date.parse(slot.endsAt) - serverNow) / 1000)));
  const state = remaining <= 0 ? 'over' : remaining <= WARN_SECONDS ? 'warning' : 'running';
  return { remaining, elapsed, shown: formatSeconds(remaining), state };
}
