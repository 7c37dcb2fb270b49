import type { types as ms } from 'mediasoup';

import { PeerMonitor } from './peer-monitor';

/** A peer whose downlink estimate the test sets; only what PeerMonitor reads is stubbed. */
function fakePeer() {
  const link = { estimate: 3_000_000, audioOnly: false, clock: 0 };
  const transport = {
    closed: false,
    getStats: async () => [
      { recvBitrate: 900_000, sendBitrate: 1_400_000, availableOutgoingBitrate: link.estimate, rtpPacketLossSent: 0 },
    ],
  } as unknown as ms.Transport;
  const device = (paused: boolean) => ({ closed: false, paused, getStats: async () => [] }) as unknown as ms.Producer;
  // One remote camera received: the level has something to carry.
  const video = {
    closed: false,
    kind: 'video',
    producerPaused: false,
    getStats: async () => [],
  } as unknown as ms.Consumer;
  const monitor = new PeerMonitor('peer-1', {
    transports: () => [transport],
    producers: () => ({ mic: device(true), camera: device(false) }),
    consumers: () => [video],
    audioOnly: () => link.audioOnly,
    now: () => (link.clock += 2_000),
  });
  return { link, monitor };
}

describe('PeerMonitor', () => {
  it("gives the chair the peer's health: devices, bitrates and current layer", async () => {
    const { monitor } = fakePeer();
    const { health, level, changed } = await monitor.sample();
    expect(health).toEqual({
      peerId: 'peer-1',
      rttMs: null,
      uplinkLoss: null,
      downlinkLoss: 0,
      sendBitrate: 900_000,
      recvBitrate: 1_400_000,
      availableOutgoingBitrate: 3_000_000,
      micOn: false, // muted: its producer is paused
      cameraOn: true,
      downlink: 'high',
    });
    expect([level, changed]).toEqual(['high', false]);
  });

  it('says when the level changed, once', async () => {
    const { link, monitor } = fakePeer();
    link.estimate = 400_000; // stays there past the join grace
    const samples = [];
    for (let i = 0; i < 6; i++) samples.push(await monitor.sample());
    expect(samples.filter((s) => s.changed).map((s) => s.level)).toEqual(['medium']);
    expect(samples.at(-1)).toMatchObject({ level: 'medium', changed: false, health: { downlink: 'medium' } });
  });

  it("applies the peer's own audio-only choice on the next sample", async () => {
    const { link, monitor } = fakePeer();
    link.audioOnly = true;
    expect(await monitor.sample()).toMatchObject({ level: 'audio_only', changed: true });
    link.audioOnly = false;
    expect(await monitor.sample()).toMatchObject({ level: 'high', changed: true });
  });
});
