import { receiveTotals, roundTripMs } from '../conference-stats';
import { ReadinessProbe } from './readiness-probe';

const report = (stats: Record<string, unknown>[]) =>
  new Map(stats.map((stat) => [stat['id'], stat])) as unknown as RTCStatsReport;

describe('ReadinessProbe', () => {
  const sample = (at: number, framesDecoded: number, audioBytes: number, bytes: number, rttMs: number | null = 40) => ({
    at,
    framesDecoded,
    audioBytes,
    bytes,
    rttMs,
  });

  it('passes the path only once video came back decoded and audio bytes rose', () => {
    const probe = new ReadinessProbe();
    expect(probe.add(sample(0, 0, 0, 0))).toEqual({ mediaPath: false, rttMs: 40, bitrate: null, framesDecoded: 0 });
    // Video decoded, audio not flowing (a microphone that sends nothing back).
    expect(probe.add(sample(1000, 20, 0, 50_000)).mediaPath).toBe(false);
    const result = probe.add(sample(2000, 45, 4_000, 175_000, null));
    expect(result).toEqual({ mediaPath: true, rttMs: 40, bitrate: 1_000_000, framesDecoded: 45 });
  });

  it('fails the path when audio flows but no frame was decoded', () => {
    const probe = new ReadinessProbe();
    probe.add(sample(0, 0, 0, 0));
    expect(probe.add(sample(1000, 0, 8_000, 8_000)).mediaPath).toBe(false);
  });
});

describe('conference stats', () => {
  it('reads the RTT of the selected candidate pair, else of the nominated one', () => {
    const pairs = [
      { id: 'p1', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.2 },
      { id: 'p2', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.034 },
    ];
    expect(roundTripMs(report([{ id: 't', type: 'transport', selectedCandidatePairId: 'p2' }, ...pairs]))).toBe(34);
    expect(roundTripMs(report(pairs))).toBe(200);
    expect(roundTripMs(report([]))).toBeNull();
  });

  it('adds up what came in, by kind', () => {
    const totals = receiveTotals(
      report([
        { id: 'v1', type: 'inbound-rtp', kind: 'video', framesDecoded: 30, bytesReceived: 100_000 },
        { id: 'v2', type: 'inbound-rtp', kind: 'video', framesDecoded: 12, bytesReceived: 20_000 },
        { id: 'a1', type: 'inbound-rtp', kind: 'audio', bytesReceived: 3_000 },
        { id: 'o1', type: 'outbound-rtp', kind: 'video', bytesSent: 999_999 },
      ]),
    );
    expect(totals).toEqual({ framesDecoded: 42, audioBytes: 3_000, bytes: 123_000 });
  });
});
