import type { types as ms } from 'mediasoup';

/** Codecs a capture can copy into Matroska without re-encoding (all the router offers). */
const RECORDABLE = new Set(['audio/opus', 'video/vp8', 'video/h264']);

/**
 * What the recorder tells the router it can receive: the router's own codecs minus RTX (ffmpeg
 * sends no NACKs, so retransmissions would never be asked for) and no header extensions.
 */
export function recorderRtpCapabilities(router: ms.RtpCapabilities): ms.RtpCapabilities {
  return {
    codecs: (router.codecs ?? []).filter((codec) => RECORDABLE.has(codec.mimeType.toLowerCase())),
    headerExtensions: [],
  };
}

/**
 * The SDP ffmpeg reads (`-i track.sdp`) to receive one consumer's RTP on `port` of 127.0.0.1; its
 * RTCP goes to `port + 1` (RFC 3550's convention, ffmpeg's default), where the recorder also
 * sends its keep-alives and the final BYE.
 */
export function captureSdp(kind: ms.MediaKind, rtpParameters: ms.RtpParameters, port: number): string {
  const codec = rtpParameters.codecs[0];
  if (!codec) throw new Error('consumer has no codec');
  const [, name] = codec.mimeType.split('/');
  const channels = kind === 'audio' && codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=e-cabinet recording',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${kind} ${port} RTP/AVP ${codec.payloadType}`,
    `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    'a=recvonly',
    '',
  ].join('\n');
}

/** ffmpeg copying one RTP stream, as it arrives, into a Matroska file (no re-encoding). */
export function captureArgs(sdpPath: string, outputPath: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-protocol_whitelist',
    'file,udp,rtp',
    // Bind the RTP/RTCP sockets to loopback only: mediasoup sends from 127.0.0.1.
    '-localaddr',
    '127.0.0.1',
    '-i',
    sdpPath,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'matroska',
    '-y',
    outputPath,
  ];
}
