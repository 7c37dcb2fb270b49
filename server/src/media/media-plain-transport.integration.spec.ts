import { ChildProcess, spawn } from 'node:child_process';
import { createSocket, Socket } from 'node:dgram';

import { createWorker, types as ms } from 'mediasoup';

import { mediaCodecs } from './media-codecs';

/** Polls `check` until it returns true or the time runs out. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('real mediasoup worker: RTP from ffmpeg through a router', () => {
  let worker: ms.Worker;
  let router: ms.Router;
  let ffmpeg: ChildProcess | undefined;
  let receiver: Socket | undefined;

  beforeAll(async () => {
    worker = await createWorker({ logLevel: 'warn', rtcMinPort: 42000, rtcMaxPort: 42099 });
    router = await worker.createRouter({ mediaCodecs });
  });

  afterAll(() => {
    ffmpeg?.kill('SIGKILL');
    receiver?.close();
    worker.close();
  });

  it('forwards ffmpeg VP8 packets from a PlainTransport producer to a consumer on a second transport', async () => {
    // Producer side: ffmpeg sends plain RTP (VP8, ssrc 1111) to a comedia PlainTransport.
    const ingress = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: false, comedia: true });
    const producer = await ingress.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
        encodings: [{ ssrc: 1111 }],
      },
    });

    // Consumer side: a second PlainTransport forwarding to a UDP socket of this test.
    let received = 0;
    receiver = createSocket('udp4');
    receiver.on('message', (packet) => {
      if ((packet[0] & 0xc0) === 0x80) received++; // RTP version 2
    });
    await new Promise<void>((resolve) => receiver!.bind(0, '127.0.0.1', resolve));
    const egress = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false });
    await egress.connect({ ip: '127.0.0.1', port: receiver.address().port });
    const consumer = await egress.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });

    ffmpeg = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=320x240:rate=15',
        '-t',
        '15',
        '-c:v',
        'libvpx',
        '-b:v',
        '300k',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-ssrc',
        '1111',
        '-payload_type',
        '101',
        '-f',
        'rtp',
        `rtp://127.0.0.1:${ingress.tuple.localPort}?rtcpport=${ingress.rtcpTuple!.localPort}&pkt_size=1200`,
      ],
      { stdio: 'ignore' },
    );

    await eventually(async () => {
      const stats = await consumer.getStats();
      const outbound = stats.find((s) => s.type === 'outbound-rtp');
      return !!outbound && outbound.packetCount > 20 && received > 20;
    }, 15_000);

    const producerStats = await producer.getStats();
    expect(producerStats.find((s) => s.type === 'inbound-rtp')?.packetCount).toBeGreaterThan(20);
    expect(received).toBeGreaterThan(20);

    // Tearing the transports down leaves nothing behind in the router.
    ingress.close();
    egress.close();
    const dump = await router.dump();
    expect(dump.transportIds).toEqual([]);
    expect(dump.mapProducerIdConsumerIds).toEqual([]);
  }, 30_000);
});
