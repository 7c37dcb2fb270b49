import type { types as ms } from 'mediasoup';

import { readPeerStats } from './peer-stats';

/** Stand-ins for mediasoup objects: only what readPeerStats reads. */
const transport = (stats: Partial<ms.BaseTransportStats>, closed = false) =>
  ({ closed, getStats: async () => [{ recvBitrate: 0, sendBitrate: 0, ...stats }] }) as unknown as ms.Transport;
const producer = (streams: object[]) =>
  ({
    closed: false,
    getStats: async () => streams.map((s) => ({ type: 'inbound-rtp', ...s })),
  }) as unknown as ms.Producer;
const consumer = (kind: 'audio' | 'video', stream: object, extra: object = {}) =>
  ({
    closed: false,
    kind,
    producerPaused: false,
    // A consumer's stats hold its producer's inbound stream too: it must not count as this peer's downlink.
    getStats: async () => [
      { type: 'outbound-rtp', ...stream },
      { type: 'inbound-rtp', fractionLost: 255, bitrate: 1e6, roundTripTime: 999 },
    ],
    ...extra,
  }) as unknown as ms.Consumer;

describe('readPeerStats', () => {
  it("reports the peer's link from its side: what it sends, receives, loses, and its RTT", async () => {
    const { health, sample } = await readPeerStats(
      [
        transport({ recvBitrate: 800_000, sendBitrate: 0 }), // the peer's send transport
        transport({ recvBitrate: 2_000, sendBitrate: 1_300_000, availableOutgoingBitrate: 1_500_000 }),
      ],
      // Simulcast: one inbound stream per layer; loss weighted by bitrate (25 % of 256 on the 600 kbps layer).
      [
        producer([
          { fractionLost: 64, bitrate: 600_000 },
          { fractionLost: 0, bitrate: 200_000 },
        ]),
      ],
      [
        consumer('video', { fractionLost: 26, bitrate: 1_200_000, roundTripTime: 48 }),
        consumer('audio', { fractionLost: 26, bitrate: 40_000, roundTripTime: 52 }),
      ],
      1_000,
    );

    expect(health).toEqual({
      rttMs: 50,
      uplinkLoss: 0.1875, // (0.25 × 600 + 0 × 200) / 800
      downlinkLoss: 26 / 256,
      sendBitrate: 802_000,
      recvBitrate: 1_300_000,
      availableOutgoingBitrate: 1_500_000,
    });
    expect(sample).toEqual({
      availableOutgoingBitrate: 1_500_000,
      downlinkLoss: 26 / 256,
      rttMs: 50,
      at: 1_000,
      videoStreams: 1,
      audioStreams: 1,
    });
  });

  it('skips closed objects and ones that throw because they closed while asked', async () => {
    const closing = {
      closed: false,
      kind: 'video',
      getStats: () => Promise.reject(new Error('Channel closed')),
    } as unknown as ms.Consumer;
    const { health } = await readPeerStats(
      [transport({ sendBitrate: 500_000 }), transport({ sendBitrate: 9e9 }, true)],
      [],
      [closing, consumer('video', { fractionLost: 0, bitrate: 400_000 })],
    );
    expect(health.recvBitrate).toBe(500_000);
    expect(health.downlinkLoss).toBe(0);
  });

  it('knows nothing before any RTCP: no RTT, no loss, no estimate', async () => {
    const { health } = await readPeerStats([transport({})], [], [consumer('video', { fractionLost: 0, bitrate: 0 })]);
    expect(health).toMatchObject({ rttMs: null, downlinkLoss: null, uplinkLoss: null, availableOutgoingBitrate: null });
  });

  it("falls back to transport-cc loss when no stream carries media, and does not count a muted remote's streams", async () => {
    const { health, sample } = await readPeerStats(
      [transport({ rtpPacketLossSent: 0.05 })],
      [],
      [consumer('video', { fractionLost: 0, bitrate: 0 }, { producerPaused: true })],
    );
    expect(health.downlinkLoss).toBe(0.05);
    expect(sample.videoStreams).toBe(0);
  });
});
