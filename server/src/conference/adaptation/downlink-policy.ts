import type { DownlinkLevel } from '@app/shared';

/**
 * Nominal bitrate of one VP8 simulcast layer (libwebrtc's usual targets for a camera at 180p / 360p / 720p).
 * The level caps the large tile; small tiles already ask for the 180p layer.
 */
export const LAYER_BPS = { low: 150_000, medium: 500_000, high: 1_200_000 } as const;
/** One opus stream with RTP overhead: always forwarded, whatever the level. */
export const AUDIO_BPS = 40_000;
/**
 * A level is kept while the estimate covers 60 % of its nominal need: mediasoup drops temporal layers
 * (30 → 15 → 7.5 fps) before it must freeze a spatial layer, so a layer still plays at ~60 % of its bitrate,
 * and the estimate dips briefly under cross-traffic. With one tile: high kept ≥ 744 kbps, medium ≥ 324 kbps,
 * low ≥ 114 kbps (below that, audio only).
 */
export const KEEP_SHARE = 0.6;
/**
 * A level is climbed to when the estimate reaches 90 % of its nominal need. Not more: mediasoup caps its
 * estimate at ~1.35× the bitrate it wants to send (the remote top layer), so asking for headroom above the
 * nominal need would make 720p unreachable for a calm camera. The 0.6 / 0.9 gap plus the hold is the hysteresis.
 */
export const CLIMB_SHARE = 0.9;
/** Downlink loss (0..1) that steps down: NACK hides a few %, beyond ~10 % retransmissions are lost too (freezes, PLI storms). */
export const HIGH_LOSS = 0.1;
/** Loss must stay under this for a climb: a link that still loses 3 % has no room for more video. */
export const CLEAN_LOSS = 0.03;
/** Consecutive bad samples (2 s apart) before a step down: one sample is a burst, two are a trend. */
export const BAD_SAMPLES_TO_STEP_DOWN = 2;
/** The next level's need must hold this long before each one-level climb, so a link near a threshold does not flap. */
export const CLIMB_HOLD_MS = 10_000;
/**
 * In audio only no video flows, so transport-cc feedback stops (mediasoup negotiates it for video only) and the
 * estimate freezes at the value that stepped us down. Recovery is then tried blindly: a trial climb to 'low'
 * after this wait, doubling after each failed trial up to AUDIO_ONLY_RETRY_MAX_MS.
 */
export const AUDIO_ONLY_RETRY_MS = 15_000;
export const AUDIO_ONLY_RETRY_MAX_MS = 120_000;
/**
 * The estimate is not trusted for this long after the first sample and after a trial climb: it starts at
 * mediasoup's initialAvailableOutgoingBitrate (600 kbps by default) or at the frozen value, and needs a few
 * seconds of transport-cc feedback and probing to reach the link's real capacity. Loss still counts.
 */
export const ESTIMATE_GRACE_MS = 6_000;
/** A trial that holds 'low' this long succeeded: the retry wait goes back to AUDIO_ONLY_RETRY_MS. */
export const TRIAL_PROVEN_MS = 30_000;

/** One periodic measurement of a peer's downlink (see readPeerStats). */
export interface LinkSample {
  /** transport-cc / REMB estimate towards the peer, bps; null when mediasoup has none. */
  availableOutgoingBitrate: number | null;
  /** Loss the peer reports on what it receives, 0..1. */
  downlinkLoss: number | null;
  /** Reported only: latency alone is no reason for less video (a 300 ms link can carry 720p). */
  rttMs: number | null;
  /** Sample time, ms. */
  at: number;
  /** Video / audio streams the peer receives (default 1 each): the need of a level grows with them. */
  videoStreams?: number;
  audioStreams?: number;
}

const VIDEO_LEVELS = ['low', 'medium', 'high'] as const;
type VideoLevel = (typeof VIDEO_LEVELS)[number];
/** Levels from the weakest up. */
const LADDER: readonly DownlinkLevel[] = ['audio_only', ...VIDEO_LEVELS];

/** Bits per second a peer needs at `level`: the large tile at the level's layer, the other tiles at 180p, all audio. */
export function levelNeedBps(level: DownlinkLevel, sample: Pick<LinkSample, 'videoStreams' | 'audioStreams'>): number {
  const videos = sample.videoStreams ?? 1;
  const audio = (sample.audioStreams ?? 1) * AUDIO_BPS;
  if (level === 'audio_only' || videos === 0) return audio;
  return audio + LAYER_BPS[level as VideoLevel] + (videos - 1) * LAYER_BPS.low;
}

/**
 * Decides one peer's DownlinkLevel from its periodic link samples: down one level after
 * BAD_SAMPLES_TO_STEP_DOWN bad samples, up one level after CLIMB_HOLD_MS of good ones.
 * Pure: time comes from the samples.
 */
export class DownlinkPolicy {
  private auto: DownlinkLevel;
  private forced = false;
  private badSamples = 0;
  private goodSince: number | null = null;
  private changedAt: number | null = null;
  private retryMs = AUDIO_ONLY_RETRY_MS;
  private trialAt: number | null = null;
  private graceUntil: number | null = null;

  constructor(initial: DownlinkLevel = 'high') {
    this.auto = initial;
  }

  /** The level to apply now. */
  get level(): DownlinkLevel {
    return this.forced ? 'audio_only' : this.auto;
  }

  /** The peer's own "audio only" choice: wins over the link; releasing it returns to the level measured before. */
  setForcedAudioOnly(forced: boolean): DownlinkLevel {
    if (forced !== this.forced) {
      this.resetCounters();
      this.changedAt = null; // video starts again after a silence: grace for the estimate, as at join
    }
    this.forced = forced;
    return this.level;
  }

  update(sample: LinkSample): DownlinkLevel {
    if (this.forced) return this.level; // no video flows: the samples say nothing about the link
    if (this.changedAt === null) {
      // First sample (join, or back from a forced audio only).
      this.changedAt = sample.at;
      this.graceUntil = sample.at + ESTIMATE_GRACE_MS;
    }

    if (this.isBad(sample)) {
      this.goodSince = null;
      if (++this.badSamples >= BAD_SAMPLES_TO_STEP_DOWN && this.auto !== 'audio_only') this.step(-1, sample.at);
      return this.level;
    }
    this.badSamples = 0;
    this.settleTrial(sample.at);

    const next = LADDER[LADDER.indexOf(this.auto) + 1];
    if (!next) return this.level;
    if (this.canClimbTo(next, sample)) {
      this.goodSince ??= sample.at;
      if (sample.at - this.goodSince >= CLIMB_HOLD_MS) this.step(+1, sample.at);
    } else {
      this.goodSince = null;
      if (
        this.auto === 'audio_only' &&
        this.cleanLoss(sample) !== false &&
        sample.at - this.changedAt >= this.retryMs
      ) {
        this.step(+1, sample.at);
        this.trialAt = sample.at;
        this.graceUntil = sample.at + ESTIMATE_GRACE_MS;
      }
    }
    return this.level;
  }

  private isBad(sample: LinkSample): boolean {
    if (sample.downlinkLoss !== null && sample.downlinkLoss >= HIGH_LOSS) return true;
    if (this.graceUntil !== null && sample.at < this.graceUntil) return false;
    const estimate = sample.availableOutgoingBitrate;
    return estimate !== null && estimate < KEEP_SHARE * levelNeedBps(this.auto, sample);
  }

  private canClimbTo(level: DownlinkLevel, sample: LinkSample): boolean {
    const clean = this.cleanLoss(sample);
    const estimate = sample.availableOutgoingBitrate;
    if (clean === false) return false;
    // No estimate (no transport-cc): a loss-free link is the only evidence; with neither, stay.
    if (estimate === null) return clean === true;
    return estimate >= CLIMB_SHARE * levelNeedBps(level, sample);
  }

  /** true / false when loss is known, null when not. */
  private cleanLoss(sample: LinkSample): boolean | null {
    return sample.downlinkLoss === null ? null : sample.downlinkLoss < CLEAN_LOSS;
  }

  /** A trial from audio only that failed doubles the next wait; one that held resets it. */
  private settleTrial(at: number): void {
    if (this.trialAt !== null && at - this.trialAt >= TRIAL_PROVEN_MS) {
      this.trialAt = null;
      this.retryMs = AUDIO_ONLY_RETRY_MS;
    }
  }

  private step(direction: 1 | -1, at: number): void {
    this.auto = LADDER[LADDER.indexOf(this.auto) + direction];
    if (direction < 0 && this.auto === 'audio_only' && this.trialAt !== null) {
      this.retryMs = Math.min(this.retryMs * 2, AUDIO_ONLY_RETRY_MAX_MS);
      this.trialAt = null;
    }
    this.changedAt = at;
    this.resetCounters();
  }

  private resetCounters(): void {
    this.badSamples = 0;
    this.goodSince = null;
  }
}
