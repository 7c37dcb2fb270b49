import { createWorker, types as ms } from 'mediasoup';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';

import { mediaCodecs } from './media-codecs';

/**
 * A real WebRTC peer (werift, pure TypeScript) against a mediasoup WebRtcTransport: ICE, then a
 * DTLS handshake, then SRTP media. This is what a browser does, and what PlainTransport tests never
 * exercise: an unpatched worker built against Debian's kTLS-enabled OpenSSL segfaults on the first
 * DTLS record (see scripts/mediasoup/patches/).
 */

function sdpValue(sdp: string, pattern: RegExp): string {
  const match = pattern.exec(sdp);
  if (!match) throw new Error(`offer SDP has no ${pattern}`);
  return match[1];
}

/** mediasoup is ICE-lite and DTLS server; the answer describes it to the browser-like peer. */
function answerSdp(transport: ms.WebRtcTransport, mid: string, opusPt: string): string {
  const { usernameFragment, password } = transport.iceParameters;
  const fingerprint = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256')!;
  const candidates = transport.iceCandidates.map(
    (c) => `a=candidate:${c.foundation} 1 ${c.protocol} ${c.priority} ${c.address} ${c.port} typ ${c.type}`,
  );
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=group:BUNDLE ${mid}`,
    `m=audio 9 UDP/TLS/RTP/SAVPF ${opusPt}`,
    'c=IN IP4 127.0.0.1',
    `a=mid:${mid}`,
    'a=recvonly',
    'a=rtcp-mux',
    `a=ice-ufrag:${usernameFragment}`,
    `a=ice-pwd:${password}`,
    `a=fingerprint:sha-256 ${fingerprint.value}`,
    'a=setup:passive',
    `a=rtpmap:${opusPt} opus/48000/2`,
    ...candidates,
    'a=end-of-candidates',
    '',
  ].join('\r\n');
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('real mediasoup worker: WebRTC handshake with a werift peer', () => {
  let worker: ms.Worker;
  let pc: RTCPeerConnection | undefined;

  beforeAll(async () => {
    worker = await createWorker({ logLevel: 'warn', rtcMinPort: 42300, rtcMaxPort: 42399 });
  });

  afterAll(async () => {
    await pc?.close();
    worker.close();
  });

  it('completes ICE + DTLS, decrypts SRTP from the peer, and the worker survives', async () => {
    const router = await worker.createRouter({ mediaCodecs });
    const transport = await router.createWebRtcTransport({
      listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
    });
    const dtlsStates: string[] = [];
    transport.on('dtlsstatechange', (state) => dtlsStates.push(state));

    pc = new RTCPeerConnection({});
    const track = new MediaStreamTrack({ kind: 'audio' });
    pc.addTransceiver(track, { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    const offer = pc.localDescription!.sdp;
    const mid = sdpValue(offer, /a=mid:(\S+)/);
    const opusPt = sdpValue(offer, /a=rtpmap:(\d+) opus\/48000/i);
    const ssrc = Number(sdpValue(offer, /a=ssrc:(\d+) /));
    const peerFingerprint = sdpValue(offer, /a=fingerprint:sha-256 (\S+)/);

    await transport.connect({
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: peerFingerprint }] },
    });
    const producer = await transport.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: Number(opusPt), clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc }],
      },
    });
    await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp(transport, mid, opusPt) });

    await until(() => transport.dtlsState === 'connected', 10_000, 'DTLS connected');
    expect(transport.iceState).toMatch(/connected|completed/);

    // SRTP: 50 opus-sized packets from the peer; mediasoup counts them only once decrypted.
    for (let i = 0; i < 50; i++) {
      track.writeRtp(
        new RtpPacket(
          new RtpHeader({
            payloadType: Number(opusPt),
            sequenceNumber: 1000 + i,
            timestamp: i * 960,
            ssrc,
            marker: false,
          }),
          Buffer.alloc(80, i),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(
      async () => ((await producer.getStats()).find((s) => s.type === 'inbound-rtp')?.packetCount ?? 0) >= 40,
      5_000,
      'SRTP packets decrypted by mediasoup',
    );

    expect(dtlsStates).toContain('connected');
    expect(dtlsStates).not.toContain('failed');
    expect(worker.died).toBe(false);
    expect(() => process.kill(worker.pid, 0)).not.toThrow();
    // The worker still answers requests after the handshake.
    await expect(worker.getResourceUsage()).resolves.toHaveProperty('ru_maxrss');
  }, 30_000);
});
