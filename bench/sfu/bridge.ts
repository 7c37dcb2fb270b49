/**
 * The SFU under load: one real mediasoup worker and router (the product's codecs), loopback only.
 *
 * - Each site sends on a comedia PlainTransport: one VP8 simulcast producer (one SSRC per layer)
 *   and one opus producer.
 * - Each site receives on one PlainTransport of its own (as a browser has one receive transport),
 *   connected to a sink socket, consuming every other site's audio and video.
 * - Each viewer has a PlainTransport of its own with one consumer of the chair's (site 0's) video.
 * Consumers take mediasoup's default layers: the highest spatial layer of simulcast, the worst case.
 * The sinks send no RTCP feedback, so consumers are created without bandwidth estimation
 * (transport-cc, REMB): with it, mediasoup would hold every receive transport at its starting
 * estimate and serve only a few of its consumers, at the lowest layer — as for a receiver whose
 * estimate never rises. Without it, the SFU forwards what a receiver on a good link gets.
 */
import { createWorker, types as ms } from 'mediasoup';

import { mediaCodecs } from '../../server/src/media/media-codecs';
import { OPUS_PAYLOAD_TYPE, VP8_PAYLOAD_TYPE } from './encoded-clip';
import type { ReplayTarget } from './clip-replay';

const PORTS = { min: 50000, max: 59999 };
const LISTEN: ms.TransportListenInfo = { protocol: 'udp', ip: '127.0.0.1', portRange: PORTS };
/** Channel requests in flight while building viewers. */
const BATCH = 50;
/** Stats requests in flight. */
const STATS_BATCH = 200;

export interface Site {
  index: number;
  ingress: ms.PlainTransport;
  video: ms.Producer;
  audio: ms.Producer;
  /** Video layers lowest first, then audio: what the replay writes into each packet. */
  ssrcs: number[];
  egress: ms.PlainTransport | null;
  /** What the site receives: the other sites' audio and video. */
  consumers: ms.Consumer[];
}

export interface Viewer {
  transport: ms.PlainTransport;
  consumer: ms.Consumer;
}

/** The router's capabilities without what bandwidth estimation needs (see above). */
function withoutBandwidthEstimation(capabilities: ms.RtpCapabilities): ms.RtpCapabilities {
  return {
    codecs: capabilities.codecs?.map((codec) => ({
      ...codec,
      rtcpFeedback: codec.rtcpFeedback?.filter((fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb'),
    })),
    headerExtensions: capabilities.headerExtensions?.filter(
      (ext) => !ext.uri.includes('transport-wide-cc') && !ext.uri.includes('abs-send-time'),
    ),
  };
}

export class Bridge {
  readonly sites: Site[] = [];
  readonly bridgeConsumers: ms.Consumer[] = [];
  readonly viewers: Viewer[] = [];
  private readonly sinkCapabilities: ms.RtpCapabilities;

  private constructor(
    readonly worker: ms.Worker,
    readonly router: ms.Router,
  ) {
    this.sinkCapabilities = withoutBandwidthEstimation(router.rtpCapabilities);
  }

  static async create(): Promise<Bridge> {
    const worker = await createWorker({ logLevel: 'warn' });
    try {
      return new Bridge(worker, await worker.createRouter({ mediaCodecs }));
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  /** Creates the sites' send transports and producers; returns where the replay sends each site. */
  async addSites(count: number, videoLayers: number): Promise<ReplayTarget[]> {
    for (let index = 0; index < count; index++) {
      const base = 0x10000 + index * 0x100;
      const ssrcs = Array.from({ length: videoLayers + 1 }, (_, i) => base + i);
      const ingress = await this.router.createPlainTransport({ listenInfo: LISTEN, rtcpMux: true, comedia: true });
      const video = await ingress.produce({
        kind: 'video',
        rtpParameters: {
          codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PAYLOAD_TYPE, clockRate: 90000 }],
          encodings: ssrcs.slice(0, videoLayers).map((ssrc) => ({ ssrc })),
        },
      });
      const audio = await ingress.produce({
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PAYLOAD_TYPE, clockRate: 48000, channels: 2 }],
          encodings: [{ ssrc: ssrcs[videoLayers] }],
        },
      });
      this.sites.push({ index, ingress, video, audio, ssrcs, egress: null, consumers: [] });
    }
    return this.sites.map((site) => ({ port: site.ingress.tuple.localPort, ssrcs: site.ssrcs }));
  }

  /** Every site consumes every other site's audio and video, on one transport per site. */
  async connectSites(sinkPorts: number[]): Promise<void> {
    for (const site of this.sites) {
      const egress = await this.router.createPlainTransport({ listenInfo: LISTEN, rtcpMux: true, comedia: false });
      await egress.connect({ ip: '127.0.0.1', port: sinkPorts[site.index] });
      site.egress = egress;
      for (const other of this.sites) {
        if (other === site) continue;
        for (const producer of [other.audio, other.video]) {
          const consumer = await egress.consume({ producerId: producer.id, rtpCapabilities: this.sinkCapabilities });
          site.consumers.push(consumer);
          this.bridgeConsumers.push(consumer);
        }
      }
    }
  }

  /** Adds `count` viewers of `producer`, each on its own transport, viewer i sending to `sinkPort(i)`. */
  async addViewers(count: number, producer: ms.Producer, sinkPort: (viewer: number) => number): Promise<Viewer[]> {
    const added: Viewer[] = [];
    const first = this.viewers.length;
    for (let start = 0; start < count; start += BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(BATCH, count - start) }, async (_, i) => {
          const transport = await this.router.createPlainTransport({
            listenInfo: LISTEN,
            rtcpMux: true,
            comedia: false,
          });
          await transport.connect({ ip: '127.0.0.1', port: sinkPort(first + start + i) });
          const consumer = await transport.consume({
            producerId: producer.id,
            rtpCapabilities: this.sinkCapabilities,
          });
          return { transport, consumer };
        }),
      );
      added.push(...batch);
    }
    this.viewers.push(...added);
    return added;
  }

  get consumerCount(): number {
    return this.bridgeConsumers.length + this.viewers.length;
  }

  /** The worker's CPU time so far (user + system), ms. */
  async cpuMs(): Promise<number> {
    const usage = await this.worker.getResourceUsage();
    return usage.ru_utime + usage.ru_stime;
  }

  /** Packets the consumers have sent so far (outbound-rtp packetCount). */
  static async sentPackets(consumers: ms.Consumer[]): Promise<number> {
    let total = 0;
    for (let start = 0; start < consumers.length; start += STATS_BATCH) {
      const stats = await Promise.all(consumers.slice(start, start + STATS_BATCH).map((c) => c.getStats()));
      for (const entries of stats) {
        for (const entry of entries) if (entry.type === 'outbound-rtp') total += entry.packetCount;
      }
    }
    return total;
  }

  /** Packets the producers have received so far, and lost (their sequence gaps), over all layers. */
  async receivedPackets(): Promise<{ packets: number; lost: number }> {
    const producers = this.sites.flatMap((s) => [s.video, s.audio]);
    const stats = await Promise.all(producers.map((p) => p.getStats()));
    let packets = 0;
    let lost = 0;
    for (const entry of stats.flat()) {
      packets += entry.packetCount;
      lost += entry.packetsLost;
    }
    return { packets, lost };
  }

  static ssrcs(consumers: ms.Consumer[]): Set<number> {
    return new Set(consumers.map((c) => c.rtpParameters.encodings?.[0]?.ssrc ?? 0));
  }

  close(): void {
    this.worker.close();
  }
}
