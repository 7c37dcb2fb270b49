/** Readings of an RTCStatsReport (a transport's getStats()), for the test call. */

type Stat = Record<string, unknown> & { type: string; id: string };

function stats(report: RTCStatsReport): Stat[] {
  const all: Stat[] = [];
  report.forEach((stat: Stat) => all.push(stat));
  return all;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Round trip on the candidate pair in use (the transport's selected one, else the nominated one), in ms. */
export function roundTripMs(report: RTCStatsReport): number | null {
  const all = stats(report);
  const selectedId = all.find((s) => s.type === 'transport' && s['selectedCandidatePairId'])?.[
    'selectedCandidatePairId'
  ];
  const pair =
    all.find((s) => s.type === 'candidate-pair' && s.id === selectedId) ??
    all.find((s) => s.type === 'candidate-pair' && s['nominated'] && s['state'] === 'succeeded');
  const rtt = pair?.['currentRoundTripTime'];
  return typeof rtt === 'number' ? Math.round(rtt * 1000) : null;
}

export interface ReceiveTotals {
  /** Video frames decoded, over every inbound video stream. */
  framesDecoded: number;
  audioBytes: number;
  /** All bytes received (audio and video). */
  bytes: number;
}

export function receiveTotals(report: RTCStatsReport): ReceiveTotals {
  const inbound = stats(report).filter((s) => s.type === 'inbound-rtp');
  const kind = (s: Stat) => s['kind'] ?? s['mediaType'];
  return {
    framesDecoded: inbound.filter((s) => kind(s) === 'video').reduce((sum, s) => sum + num(s['framesDecoded']), 0),
    audioBytes: inbound.filter((s) => kind(s) === 'audio').reduce((sum, s) => sum + num(s['bytesReceived']), 0),
    bytes: inbound.reduce((sum, s) => sum + num(s['bytesReceived']), 0),
  };
}

export function bytesSent(report: RTCStatsReport): number {
  return stats(report)
    .filter((s) => s.type === 'outbound-rtp')
    .reduce((sum, s) => sum + num(s['bytesSent']), 0);
}
