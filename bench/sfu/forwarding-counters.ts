/**
 * What flowed over the headline window, from three independent counts: the replay (sent to the
 * producers), mediasoup's own stats (producers' inbound-rtp, consumers' outbound-rtp packetCount)
 * and the sinks (received, and sequence gaps, for the sample of consumers they count). Read at the window's edges, with the replay paused
 * (see cpuWindow in worker-cpu.ts): a busy worker would answer hundreds of stats requests late and
 * the counts would not line up.
 */
import type { types as ms } from 'mediasoup';

import { Bridge } from './bridge';
import type { ClipReplay } from './clip-replay';
import { RtpSinks, SinkSnapshot, SinkTally } from './rtp-sink';

interface Counters {
  forwarded: number;
  producers: { packets: number; lost: number };
  replayed: number;
  sinks: SinkSnapshot;
}

export interface Forwarding {
  packetsForwarded: number;
  forwardedPerSec: number;
  producerPerSec: number;
  producerLossPct: number;
  replayPerSec: number;
  sinks: SinkTally;
  /** Of the sinks' sequence gaps, those the sinks' own sockets dropped (this bench not reading in time). */
  sinkDrops: number;
  /** Sequence gaps the sinks' own drops do not explain: lost before the sinks, % of expected. */
  lossPct: number;
  /** Per group of consumers, how many received over the window. */
  receiving: Record<string, { streams: number; of: number }>;
}

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 100 : 0);

export class ForwardingCounters {
  private readonly readings: Counters[] = [];

  constructor(
    private readonly bridge: Bridge,
    private readonly replay: ClipReplay,
    private readonly sinks: RtpSinks,
    /** All the consumers (mediasoup's count), and those whose sinks count (a sample). */
    private readonly consumers: ms.Consumer[],
    private readonly counted: ms.Consumer[],
  ) {}

  /** Reads every counter: once at the start of the window, once at its end. */
  async read(): Promise<void> {
    this.readings.push({
      replayed: this.replay.sent,
      sinks: await this.sinks.snapshot(),
      producers: await this.bridge.receivedPackets(),
      forwarded: await Bridge.sentPackets(this.consumers),
    });
  }

  /** The flow between the two readings, `flowingMs` apart; `groups` (of counted consumers) are reported apart. */
  result(flowingMs: number, groups: Record<string, ms.Consumer[]>): Forwarding {
    const [before, after] = this.readings;
    if (!after) throw new Error('ForwardingCounters: read() at both edges first');
    const flowingS = flowingMs / 1000;
    const producerPackets = after.producers.packets - before.producers.packets;
    const producerLost = after.producers.lost - before.producers.lost;
    const packetsForwarded = after.forwarded - before.forwarded;
    const tally = RtpSinks.tally(before.sinks, after.sinks, Bridge.ssrcs(this.counted));
    const sinkDrops = after.sinks.drops - before.sinks.drops;
    const receiving: Forwarding['receiving'] = {};
    for (const [name, consumers] of Object.entries(groups)) {
      receiving[name] = {
        streams: RtpSinks.tally(before.sinks, after.sinks, Bridge.ssrcs(consumers)).streams,
        of: consumers.length,
      };
    }
    return {
      packetsForwarded,
      forwardedPerSec: packetsForwarded / flowingS,
      producerPerSec: producerPackets / flowingS,
      producerLossPct: pct(producerLost, producerPackets + producerLost),
      replayPerSec: (after.replayed - before.replayed) / flowingS,
      sinks: tally,
      sinkDrops,
      lossPct: pct(Math.max(0, tally.lost - sinkDrops), tally.expected),
      receiving,
    };
  }
}
