import { createSocket, Socket } from 'node:dgram';

import { createWorker, types as ms } from 'mediasoup';

import { mediaCodecs } from '../../media/media-codecs';
import { applyDownlink } from './consumer-downlink';
import { PeerMonitor } from './peer-monitor';
import { SimulcastFeeder, startSimulcastFeeder } from './testing/simulcast-feeder';

/** Polls `check` until it returns true or the time runs out. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What mediasoup sent on this consumer so far (its outbound RTP stream). */
async function outbound(consumer: ms.Consumer): Promise<{ packetCount: number; bitrate: number }> {
  const stats = await consumer.getStats();
  const stream = stats.find((s) => s.type === 'outbound-rtp');
  return { packetCount: stream?.packetCount ?? 0, bitrate: stream?.bitrate ?? 0 };
}

describe('real mediasoup worker: a site’s downlink level drives its simulcast consumer', () => {
  let worker: ms.Worker;
  let router: ms.Router;
  let feeder: SimulcastFeeder;
  let receiver: Socket;
  let egress: ms.PlainTransport;
  let video: ms.Consumer;
  let audio: ms.Consumer;
  const layerChanges: (number | undefined)[] = [];

  beforeAll(async () => {
    worker = await createWorker({ logLevel: 'warn', rtcMinPort: 42300, rtcMaxPort: 42399 });
    router = await worker.createRouter({ mediaCodecs });
    // A remote site's camera (180p-class / 360p-class / 720p-class layers, scaled down for CPU) and microphone.
    feeder = await startSimulcastFeeder({ router, audioSsrc: 2001 });

    // The receiving site: a PlainTransport forwarding to a UDP socket of this test.
    receiver = createSocket('udp4');
    receiver.on('message', () => undefined);
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    egress = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false });
    await egress.connect({ ip: '127.0.0.1', port: receiver.address().port });
    video = await egress.consume({ producerId: feeder.producer.id, rtpCapabilities: router.rtpCapabilities });
    const microphone = feeder.audioProducer;
    if (!microphone) throw new Error('the feeder was asked for audio');
    audio = await egress.consume({ producerId: microphone.id, rtpCapabilities: router.rtpCapabilities });
    video.on('layerschange', (layers) => layerChanges.push(layers?.spatialLayer));
  });

  afterAll(() => {
    feeder?.stop();
    receiver?.close();
    worker?.close();
  });

  it('forwards 180p at the low level and 720p at the high level, for a client that asked for its large tile', async () => {
    expect(video.type).toBe('simulcast');
    const largeTile = { spatialLayer: 2 };

    await applyDownlink(video, 'low', largeTile);
    await eventually(() => video.currentLayers?.spatialLayer === 0, 10_000);
    await sleep(2_000); // let the bitrate window fill with the low layer only
    const low = await outbound(video);

    await applyDownlink(video, 'high', largeTile);
    await eventually(() => video.currentLayers?.spatialLayer === 2, 10_000);
    await sleep(2_000);
    const high = await outbound(video);

    expect(layerChanges).toContain(0);
    expect(layerChanges.at(-1)).toBe(2);
    expect(high.bitrate).toBeGreaterThan(2 * low.bitrate); // the site really gets more (or less) video
  }, 40_000);

  it('stops video in audio only while audio keeps flowing, and sends video again when the link recovers', async () => {
    await applyDownlink(video, 'audio_only', { spatialLayer: 2 });
    await applyDownlink(audio, 'audio_only', null); // audio consumers are left alone
    expect(video.paused).toBe(true);
    expect(audio.paused).toBe(false);

    const videoBefore = await outbound(video);
    const audioBefore = await outbound(audio);
    await sleep(1_500);
    expect((await outbound(video)).packetCount).toBe(videoBefore.packetCount);
    expect((await outbound(audio)).packetCount).toBeGreaterThan(audioBefore.packetCount);

    await applyDownlink(video, 'medium', { spatialLayer: 2 });
    expect(video.paused).toBe(false);
    await eventually(async () => (await outbound(video)).packetCount > videoBefore.packetCount + 20, 10_000);
    await eventually(() => video.currentLayers?.spatialLayer === 1, 10_000);
  }, 30_000);

  it('keeps a consumer paused for another reason paused, but still caps it', async () => {
    await video.pause(); // e.g. the client has not acknowledged it yet
    await applyDownlink(video, 'low', { spatialLayer: 2 }, true);
    expect(video.paused).toBe(true);
    expect(video.preferredLayers?.spatialLayer).toBe(0);
    await applyDownlink(video, 'high', { spatialLayer: 2 });
    expect(video.paused).toBe(false);
  });

  it('measures the sending and the receiving site on real transports', async () => {
    // One monitor over both sides, so both directions carry media: the feeder is "the peer's" uplink,
    // the egress its downlink. A closed consumer in its list is skipped, not thrown on.
    const closedConsumer = await egress.consume({
      producerId: feeder.producer.id,
      rtpCapabilities: router.rtpCapabilities,
    });
    closedConsumer.close();
    const monitor = new PeerMonitor('site-1', {
      transports: () => [feeder.transport, egress],
      producers: () => ({ camera: feeder.producer, mic: feeder.audioProducer }),
      consumers: () => [video, audio, closedConsumer],
    });
    await sleep(1_000);
    const { health, level } = await monitor.sample();

    // Three VP8 layers + opus from ffmpeg, and the top layer + opus to the receiver: some 400 and
    // 200 kbps on an idle machine, far less when ffmpeg is starved of CPU (a loaded CI runner).
    expect(health.sendBitrate).toBeGreaterThan(20_000);
    expect(health.recvBitrate).toBeGreaterThan(20_000);
    expect(health.uplinkLoss).toBeGreaterThanOrEqual(0);
    expect(health.uplinkLoss).toBeLessThan(0.05); // loopback
    expect(health.downlinkLoss).toBeGreaterThanOrEqual(0);
    expect(health.downlinkLoss).toBeLessThan(0.05);
    expect(health).toMatchObject({ peerId: 'site-1', micOn: true, cameraOn: true, downlink: 'high' });
    // No transport-cc feedback on plain RTP: the estimate is mediasoup's initial 600 kbps, which the join grace ignores.
    expect(health.availableOutgoingBitrate).toBeGreaterThan(0);
    expect(level).toBe('high');
  }, 20_000);
});
