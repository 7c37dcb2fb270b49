import { ChildProcess, spawn } from 'node:child_process';
import { createSocket, Socket } from 'node:dgram';

/** One RTP stream ffmpeg sends: a camera layer (VP8) or a microphone (opus). */
export interface FeedStream {
  ssrc: number;
  payloadType: number;
  /** Video only: frame size of this layer, e.g. '160x120'. */
  size?: string;
  /** Video bitrate, e.g. '60k'. */
  bitrate?: string;
}

export interface RtpFeed {
  stop(): void;
}

/**
 * ffmpeg standing in for a site's camera (VP8, one stream per simulcast layer) or microphone
 * (opus, a tone), sending plain RTP to a comedia PlainTransport. ffmpeg sends each output from its
 * own socket, but comedia accepts one source address: a relay socket forwards them all from one.
 * RTCP (sender reports) goes through the relay too; the transport has rtcp-mux.
 */
export async function startRtpFeed(
  kind: 'audio' | 'video',
  streams: FeedStream[],
  target: { ip: string; port: number },
  seconds = 60,
): Promise<RtpFeed> {
  const relay: Socket = createSocket('udp4');
  relay.on('message', (packet) => relay.send(packet, target.port, target.ip));
  await new Promise<void>((resolve) => relay.bind(0, '127.0.0.1', resolve));
  const url = `rtp://127.0.0.1:${relay.address().port}?rtcpport=${relay.address().port}&pkt_size=1200`;

  const input =
    kind === 'video'
      ? ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10']
      : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
  const outputs = streams.flatMap((stream) =>
    kind === 'video'
      ? [
          ...['-map', '0:v', '-s', stream.size ?? '160x120', '-c:v', 'libvpx', '-b:v', stream.bitrate ?? '60k'],
          ...['-g', '10', '-deadline', 'realtime', '-cpu-used', '8'],
          ...['-ssrc', String(stream.ssrc), '-payload_type', String(stream.payloadType), '-f', 'rtp', url],
        ]
      : [
          ...['-map', '0:a', '-c:a', 'libopus', '-b:a', '32k', '-ac', '2'],
          ...['-ssrc', String(stream.ssrc), '-payload_type', String(stream.payloadType), '-f', 'rtp', url],
        ],
  );
  const ffmpeg: ChildProcess = spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', ...input, '-t', String(seconds), ...outputs],
    { stdio: 'ignore' },
  );
  return {
    stop: () => {
      ffmpeg.kill('SIGKILL');
      relay.close();
    },
  };
}
