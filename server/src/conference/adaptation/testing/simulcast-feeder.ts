import { ChildProcess, spawn } from 'node:child_process';
import { createSocket, Socket } from 'node:dgram';

import type { types as ms } from 'mediasoup';

/** One simulcast layer ffmpeg encodes, lowest first. */
export interface FeederLayer {
  ssrc: number;
  /** WxH */
  size: string;
  kbps: number;
}

export interface SimulcastFeederOptions {
  /** The feeder creates a comedia PlainTransport (rtcpMux) on this router… */
  router?: ms.Router;
  /** …or uses this one (comedia, rtcpMux: true, not yet fed). One of the two is required. */
  transport?: ms.PlainTransport;
  /** Defaults to 160x90 / 320x180 / 640x360 (small, for CPU), ssrcs 1001-1003. */
  layers?: FeederLayer[];
  fps?: number;
  /** Also send an opus tone and produce it (a site's microphone). */
  audioSsrc?: number;
  /** Keyframe interval in frames: a PlainTransport cannot pass mediasoup's PLI to ffmpeg, so layer switches wait for it. */
  gop?: number;
}

export interface SimulcastFeeder {
  transport: ms.PlainTransport;
  /** The simulcast VP8 producer, created before ffmpeg starts so its first RTCP sender reports are not lost. */
  producer: ms.Producer;
  audioProducer?: ms.Producer;
  /** What was given to produce(): reuse it to produce the same feed elsewhere. */
  rtpParameters: ms.RtpParameters;
  stop(): void;
}

const VP8_PT = 101;
const OPUS_PT = 100;
const DEFAULT_LAYERS: FeederLayer[] = [
  { ssrc: 1001, size: '160x90', kbps: 100 },
  { ssrc: 1002, size: '320x180', kbps: 250 },
  { ssrc: 1003, size: '640x360', kbps: 600 },
];

/**
 * Feeds a mediasoup PlainTransport with a 3-layer VP8 simulcast stream from one ffmpeg process (one
 * encoder per layer, each its own ssrc, same payload type). A comedia PlainTransport accepts a single
 * remote tuple, while ffmpeg sends each output (RTP and RTCP) from its own sockets: so every output goes
 * to a socket of a small relay that forwards it all from ONE socket to the transport.
 */
export async function startSimulcastFeeder(options: SimulcastFeederOptions): Promise<SimulcastFeeder> {
  const { layers = DEFAULT_LAYERS, fps = 15, gop = fps, audioSsrc } = options;
  const given = options.transport;
  const transport = given ?? (await createFeedTransport(options.router));

  const rtpParameters: ms.RtpParameters = {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PT,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    encodings: layers.map(({ ssrc }) => ({ ssrc })),
  };
  const producer = await transport.produce({ kind: 'video', rtpParameters });
  const audioProducer =
    audioSsrc === undefined
      ? undefined
      : await transport.produce({
          kind: 'audio',
          rtpParameters: {
            codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }],
            encodings: [{ ssrc: audioSsrc }],
          },
        });

  const outputs = layers.length + (audioSsrc === undefined ? 0 : 1);
  const relay = await startRelay(outputs, transport.tuple.localAddress, transport.tuple.localPort);

  const [width, height] = layers[layers.length - 1].size.split('x');
  const split = layers.map((_, i) => `[s${i}]`).join('');
  const scales = layers.map(({ size }, i) => `[s${i}]scale=${size.replace('x', ':')}[v${i}]`).join(';');
  const rtpUrl = (port: number) => `rtp://127.0.0.1:${port}?rtcpport=${port}&pkt_size=1200`;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${width}x${height}:rate=${fps}`,
    ...(audioSsrc === undefined ? [] : ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']),
    '-filter_complex',
    `[0:v]split=${layers.length}${split};${scales}`,
    ...layers.flatMap(({ ssrc, kbps }, i) => [
      '-map',
      `[v${i}]`,
      '-c:v',
      'libvpx',
      '-b:v',
      `${kbps}k`,
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-g',
      String(gop),
      '-ssrc',
      String(ssrc),
      '-payload_type',
      String(VP8_PT),
      '-f',
      'rtp',
      rtpUrl(relay.inputPorts[i]),
    ]),
    ...(audioSsrc === undefined
      ? []
      : [
          '-map',
          '1:a',
          '-c:a',
          'libopus',
          '-b:a',
          '32k',
          '-ac',
          '2',
          '-ssrc',
          String(audioSsrc),
          '-payload_type',
          String(OPUS_PT),
          '-f',
          'rtp',
          rtpUrl(relay.inputPorts[layers.length]),
        ]),
  ];
  const ffmpeg: ChildProcess = spawn('ffmpeg', args, { stdio: 'ignore' });

  return {
    transport,
    producer,
    audioProducer,
    rtpParameters,
    stop: () => {
      ffmpeg.kill('SIGKILL');
      relay.close();
      if (!given) transport.close();
    },
  };
}

async function createFeedTransport(router: ms.Router | undefined): Promise<ms.PlainTransport> {
  if (!router) throw new Error('startSimulcastFeeder needs a router or a transport');
  return router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
}

/** UDP sockets receiving ffmpeg's outputs, and one socket forwarding every datagram to the transport. */
async function startRelay(
  inputs: number,
  targetIp: string,
  targetPort: number,
): Promise<{ inputPorts: number[]; close(): void }> {
  const bind = async (): Promise<Socket> => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return socket;
  };
  const egress = await bind(); // mediasoup's RTCP back to it (RR, PLI) is dropped: ffmpeg could not use it
  const ingress = await Promise.all(Array.from({ length: inputs }, bind));
  for (const socket of ingress) socket.on('message', (packet) => egress.send(packet, targetPort, targetIp));
  return {
    inputPorts: ingress.map((socket) => socket.address().port),
    close: () => [egress, ...ingress].forEach((socket) => socket.close()),
  };
}
