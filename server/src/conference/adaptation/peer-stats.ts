import type { PeerHealth } from '@app/shared';
import type { types as ms } from 'mediasoup';

import type { LinkSample } from './downlink-policy';

/** The link part of PeerHealth: what mediasoup's stats say, before the peer's id, devices and level are added. */
export type LinkHealth = Omit<PeerHealth, 'peerId' | 'downlink' | 'micOn' | 'cameraOn'>;

/** RTP stats carry RTCP's fraction lost (RFC 3550): lost / expected in 8-bit fixed point, 0..255 of 256. */
const FRACTION_LOST_SCALE = 256;

/** What is read of an RTP stream's stats (producer inbound-rtp or consumer outbound-rtp). */
type RtpStats = ms.BaseRtpStreamStats & { type: string; bitrate: number };

/**
 * Reads one peer's link from mediasoup: its transports (bitrates, transport-cc estimate and loss), the
 * inbound streams of its producers (uplink loss) and the outbound streams of its consumers (RTT and loss
 * from the peer's receiver reports). Bitrates are from the peer's side: `sendBitrate` is what it sends.
 * Closed objects, and ones closed while asked, are skipped.
 */
export async function readPeerStats(
  transports: Iterable<ms.Transport>,
  producers: Iterable<ms.Producer>,
  consumers: Iterable<ms.Consumer>,
  at = Date.now(),
): Promise<{ health: LinkHealth; sample: LinkSample }> {
  const openConsumers = open(consumers);
  const [transportStats, producerStats, consumerStats] = await Promise.all([
    collectStats<ms.BaseTransportStats>(open(transports)),
    collectStats<RtpStats>(open(producers)).then((stats) => stats.filter((s) => s.type === 'inbound-rtp')),
    // A consumer's stats also hold its producer's inbound stream: keep only what goes to this peer.
    collectStats<RtpStats>(openConsumers).then((stats) => stats.filter((s) => s.type === 'outbound-rtp')),
  ]);

  const downlinkLoss =
    weightedLoss(consumerStats) ?? mean(transportStats.map((s) => s.rtpPacketLossSent).filter(isNumber));
  const availableOutgoingBitrate = sum(transportStats.map((s) => s.availableOutgoingBitrate).filter(isNumber));
  // Consumers' RTT comes from the peer's receiver reports; producers' only when the peer sends DLRR.
  const rtts = [...consumerStats, ...producerStats].map((s) => s.roundTripTime).filter(isNumber);
  const meanRtt = mean(rtts.filter((rtt) => rtt > 0));
  const rttMs = meanRtt === null ? null : Math.round(meanRtt);

  const health: LinkHealth = {
    rttMs,
    uplinkLoss:
      weightedLoss(producerStats) ?? mean(transportStats.map((s) => s.rtpPacketLossReceived).filter(isNumber)),
    downlinkLoss,
    sendBitrate: sum(transportStats.map((s) => s.recvBitrate)) ?? 0,
    recvBitrate: sum(transportStats.map((s) => s.sendBitrate)) ?? 0,
    availableOutgoingBitrate,
  };
  // A muted remote (paused producer) sends nothing: it adds nothing to what this peer needs.
  const flowing = openConsumers.filter((c) => !c.producerPaused);
  const sample: LinkSample = {
    availableOutgoingBitrate,
    downlinkLoss,
    rttMs,
    at,
    videoStreams: flowing.filter((c) => c.kind === 'video').length,
    audioStreams: flowing.filter((c) => c.kind === 'audio').length,
  };
  return { health, sample };
}

function open<T extends { closed: boolean }>(items: Iterable<T>): T[] {
  return [...items].filter((item) => !item.closed);
}

/** getStats() of each object; one closed meanwhile rejects, and is left out. */
async function collectStats<S>(items: { getStats(): Promise<unknown[]> }[]): Promise<S[]> {
  const settled = await Promise.allSettled(items.map((item) => item.getStats()));
  return settled.flatMap((result) => (result.status === 'fulfilled' ? (result.value as S[]) : []));
}

/** Loss of several RTP streams, 0..1, weighted by their bitrate (an idle stream's stale report counts for nothing). */
function weightedLoss(streams: RtpStats[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const stream of streams) {
    weighted += (stream.fractionLost / FRACTION_LOST_SCALE) * stream.bitrate;
    total += stream.bitrate;
  }
  return total > 0 ? weighted / total : null;
}

function isNumber(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function sum(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}
