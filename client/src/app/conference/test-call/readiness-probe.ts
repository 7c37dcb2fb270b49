import { ReceiveTotals } from '../conference-stats';

export interface ProbeSample extends ReceiveTotals {
  /** ms (Date.now()). */
  at: number;
  rttMs: number | null;
}

export interface ProbeResult {
  /** Looped-back video was decoded and looped-back audio kept coming. */
  mediaPath: boolean;
  rttMs: number | null;
  /** What the loopback brought in, bps, over the last interval. */
  bitrate: number | null;
  framesDecoded: number;
}

/**
 * Reads the test call's receive statistics one sample at a time: the path to the server works when
 * the video that went there came back decoded (framesDecoded > 0) and the audio's bytes rise.
 */
export class ReadinessProbe {
  private previous: ProbeSample | null = null;
  private audioRose = false;
  private result: ProbeResult = { mediaPath: false, rttMs: null, bitrate: null, framesDecoded: 0 };

  add(sample: ProbeSample): ProbeResult {
    const previous = this.previous;
    let bitrate = this.result.bitrate;
    if (previous && sample.at > previous.at) {
      bitrate = Math.max(0, Math.round(((sample.bytes - previous.bytes) * 8 * 1000) / (sample.at - previous.at)));
      this.audioRose ||= sample.audioBytes > previous.audioBytes;
    }
    this.previous = sample;
    this.result = {
      mediaPath: sample.framesDecoded > 0 && this.audioRose,
      rttMs: sample.rttMs ?? this.result.rttMs,
      bitrate,
      framesDecoded: sample.framesDecoded,
    };
    return this.result;
  }
}
