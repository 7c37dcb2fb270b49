/**
 * One short clip encoded ONCE by one ffmpeg process — VP8 simulcast (3 layers, one RTP stream each)
 * and opus — captured as RTP packets on loopback UDP sockets of this process. The bench replays
 * these packets for all 14 sites (clip-replay.ts), so ffmpeg's encoding cost is paid once, before
 * anything is measured, and the measured load is mediasoup's alone.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createSocket, Socket } from 'node:dgram';

export const VP8_PAYLOAD_TYPE = 101;
export const OPUS_PAYLOAD_TYPE = 100;

export interface LayerSpec {
  width: number;
  height: number;
  kbps: number;
}

export interface ClipSpec {
  seconds: number;
  fps: number;
  /** Lowest first: encoding index = mediasoup spatial layer. */
  layers: LayerSpec[];
  audioKbps: number;
}

export interface ClipStream {
  kind: 'audio' | 'video';
  clockRate: number;
  /** RTP packets in sequence order, without gaps. */
  packets: Buffer[];
  /** Media time of each packet from the stream's first packet (RTP timestamp), ms. */
  atMs: number[];
}

export interface EncodedClip {
  spec: ClipSpec;
  /** The video layers (spec.layers order), then the audio. */
  streams: ClipStream[];
}

const rtpSeq = (packet: Buffer) => packet.readUInt16BE(2);
const rtpTimestamp = (packet: Buffer) => packet.readUInt32BE(4);
const payloadType = (packet: Buffer) => packet[1] & 0x7f;

function bindCapture(): Promise<{ socket: Socket; packets: Buffer[] }> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  const packets: Buffer[] = [];
  // ffmpeg also sends RTCP sender reports (payload type 200 → 72 once masked) to the same port.
  socket.on('message', (packet) => {
    if ((packet[0] & 0xc0) === 0x80 && [VP8_PAYLOAD_TYPE, OPUS_PAYLOAD_TYPE].includes(payloadType(packet))) {
      packets.push(packet);
    }
  });
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve({ socket, packets })));
}

function ffmpegArgs(spec: ClipSpec, ports: number[]): string[] {
  const { layers } = spec;
  const top = layers[layers.length - 1];
  const split = layers.map((_, i) => `[s${i}]`).join('');
  const scales = layers.map((l, i) => `[s${i}]scale=${l.width}:${l.height}[v${i}]`).join(';');
  const rtp = (i: number) => `rtp://127.0.0.1:${ports[i]}?rtcpport=${ports[i]}&pkt_size=1200`;
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-t',
    String(spec.seconds),
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${top.width}x${top.height}:rate=${spec.fps}`,
    '-t',
    String(spec.seconds),
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-filter_complex',
    `[0:v]split=${layers.length}${split};${scales}`,
    ...layers.flatMap((layer, i) => [
      '-map',
      `[v${i}]`,
      '-c:v',
      'libvpx',
      '-b:v',
      `${layer.kbps}k`,
      '-maxrate',
      `${layer.kbps}k`,
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      // A key frame every 2 s (and on the first frame, so every loop of the replay starts on one).
      '-g',
      String(spec.fps * 2),
      '-lag-in-frames',
      '0',
      '-auto-alt-ref',
      '0',
      '-payload_type',
      String(VP8_PAYLOAD_TYPE),
      '-f',
      'rtp',
      rtp(i),
    ]),
    '-map',
    '1:a',
    '-c:a',
    'libopus',
    '-b:a',
    `${spec.audioKbps}k`,
    '-ac',
    '2',
    '-payload_type',
    String(OPUS_PAYLOAD_TYPE),
    '-f',
    'rtp',
    rtp(layers.length),
  ];
}

/**
 * Orders one stream's packets by sequence number, checks that none is missing and keeps those
 * within the clip's length (the opus encoder's padding adds a frame at the end), so that the loops
 * of the replay follow each other without overlap.
 */
function toStream(kind: 'audio' | 'video', clockRate: number, captured: Buffer[], seconds: number): ClipStream {
  if (captured.length === 0) throw new Error(`ffmpeg sent no ${kind} RTP`);
  const first = rtpSeq(captured[0]);
  const packets = [...captured].sort((a, b) => ((rtpSeq(a) - first) & 0xffff) - ((rtpSeq(b) - first) & 0xffff));
  const span = ((rtpSeq(packets[packets.length - 1]) - rtpSeq(packets[0])) & 0xffff) + 1;
  if (span !== packets.length) {
    throw new Error(`capturing the clip lost ${span - packets.length} of ${span} ${kind} packets`);
  }
  const ts0 = rtpTimestamp(packets[0]);
  const atMs = packets.map((p) => (((rtpTimestamp(p) - ts0) >>> 0) / clockRate) * 1000);
  const kept = atMs.findIndex((at) => at >= seconds * 1000);
  return kept < 0
    ? { kind, clockRate, packets, atMs }
    : { kind, clockRate, packets: packets.slice(0, kept), atMs: atMs.slice(0, kept) };
}

/** Encodes the clip with one ffmpeg process (as fast as it can) and returns its RTP packets. */
export async function encodeClip(spec: ClipSpec, track: (ffmpeg: ChildProcess) => void): Promise<EncodedClip> {
  const captures = await Promise.all(Array.from({ length: spec.layers.length + 1 }, bindCapture));
  try {
    const ffmpeg = spawn(
      'ffmpeg',
      ffmpegArgs(
        spec,
        captures.map((c) => c.socket.address().port),
      ),
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    track(ffmpeg);
    const code = await new Promise<number | null>((resolve, reject) => {
      ffmpeg.once('error', reject);
      ffmpeg.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`ffmpeg exited with ${code}`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last datagrams
    return {
      spec,
      streams: captures.map((c, i) =>
        i < spec.layers.length
          ? toStream('video', 90000, c.packets, spec.seconds)
          : toStream('audio', 48000, c.packets, spec.seconds),
      ),
    };
  } finally {
    for (const c of captures) c.socket.close();
  }
}
