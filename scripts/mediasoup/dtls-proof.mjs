// Proof that a mediasoup worker survives a real WebRTC handshake: a werift RTCPeerConnection
// (pure TypeScript WebRTC, behaving like a browser) connects to a mediasoup WebRtcTransport on
// 127.0.0.1 (mediasoup is ICE-lite), completes DTLS, then exchanges SRTP both ways. Both DTLS roles
// are tried: mediasoup as DTLS server (the peer sends the ClientHello) and as DTLS client.
//
// Why: a worker built against Debian's kTLS-enabled OpenSSL without
// scripts/mediasoup/patches/dtls-bio-callback-return.patch segfaults on the first DTLS record
// (this script then fails with "worker died ... signal:SIGSEGV"). PlainTransport tests never do
// DTLS, so only a handshake like this one shows it. The SRTP part exercises
// scripts/mediasoup/subprojects/libsrtp3/compat/srtp.h (libsrtp 3.x API on Debian's libsrtp2):
// mediasoup decrypts the peer's packets and encrypts them again for the peer through a consumer.
//
// Reference only (not run by the build). Needs mediasoup@3.19.3 and werift@0.22.9:
//   MEDIASOUP_WORKER_BIN=/path/to/mediasoup-worker node dtls-proof.mjs
// Exits 0 after printing "DTLS PROOF PASSED"; exits 1 with the reason otherwise. Takes ~2 s.
import { createSocket } from 'node:dgram';
import { createWorker } from 'mediasoup';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';

const PACKETS = 50;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.log('[dtls-proof]', ...args);

function sdpValues(sdp, pattern) {
  return [...sdp.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((m) => m[1]);
}
function sdpValue(sdp, pattern) {
  const [value] = sdpValues(sdp, pattern);
  if (value === undefined) throw new Error(`offer SDP has no ${pattern}`);
  return value;
}

// werift queries stun.l.google.com when given no STUN server and waits 5 s for it on an offline
// machine. This minimal STUN server on 127.0.0.1 answers its Binding requests at once.
async function localStunServer() {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001) return; // Binding request only
    const res = Buffer.alloc(32);
    res.writeUInt16BE(0x0101, 0); // Binding success response
    res.writeUInt16BE(12, 2); // attributes length
    msg.copy(res, 4, 4, 20); // magic cookie + transaction id
    res.writeUInt16BE(0x0020, 20); // XOR-MAPPED-ADDRESS
    res.writeUInt16BE(8, 22);
    res.writeUInt16BE(0x0001, 24); // IPv4
    res.writeUInt16BE(rinfo.port ^ 0x2112, 26);
    rinfo.address.split('.').forEach((octet, i) => res.writeUInt8(Number(octet) ^ [0x21, 0x12, 0xa4, 0x42][i], 28 + i));
    socket.send(res, rinfo.port, rinfo.address);
  });
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

async function until(check, timeoutMs, what, worker) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (worker.died) throw new Error(`the mediasoup worker died while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

// The answer describes mediasoup (ICE-lite) to the peer: mid 0 receives the peer's audio, mid 1
// sends the consumer's audio back.
function answerSdp({ transport, mids, opusPt, setup, consumer }) {
  const { usernameFragment, password } = transport.iceParameters;
  const fp = transport.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256');
  const ssrc = consumer.rtpParameters.encodings[0].ssrc;
  const cname = consumer.rtpParameters.rtcp.cname;
  const common = (mid, direction) => [
    `m=audio 9 UDP/TLS/RTP/SAVPF ${opusPt}`,
    'c=IN IP4 127.0.0.1',
    `a=mid:${mid}`,
    `a=${direction}`,
    'a=rtcp-mux',
    `a=ice-ufrag:${usernameFragment}`,
    `a=ice-pwd:${password}`,
    `a=fingerprint:sha-256 ${fp.value}`,
    `a=setup:${setup}`,
    `a=rtpmap:${opusPt} opus/48000/2`,
    ...transport.iceCandidates.map(
      (c) => `a=candidate:${c.foundation} 1 ${c.protocol} ${c.priority} ${c.address} ${c.port} typ ${c.type}`,
    ),
    'a=end-of-candidates',
  ];
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=group:BUNDLE ${mids.join(' ')}`,
    ...common(mids[0], 'recvonly'),
    ...common(mids[1], 'sendonly'),
    'a=msid:proof-stream proof-track',
    `a=ssrc:${ssrc} cname:${cname}`,
    `a=ssrc:${ssrc} msid:proof-stream proof-track`,
    '',
  ].join('\r\n');
}

async function handshake(worker, stun, mediasoupRole) {
  const pc = new RTCPeerConnection({
    iceServers: [{ urls: `stun:127.0.0.1:${stun.address().port}` }],
    iceUseIpv6: false,
    bundlePolicy: 'max-bundle',
  });
  let router;
  try {
    const sendTrack = new MediaStreamTrack({ kind: 'audio' });
    pc.addTransceiver(sendTrack, { direction: 'sendonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    let received = 0;
    pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe(() => received++));

    await pc.setLocalDescription(await pc.createOffer());
    const offer = pc.localDescription.sdp;
    const mids = sdpValues(offer, /a=mid:(\S+)/);
    const opusPt = Number(sdpValue(offer, /a=rtpmap:(\d+) opus\/48000/i));
    const peerSsrc = Number(sdpValue(offer, /a=ssrc:(\d+) /));
    const peerFingerprint = sdpValue(offer, /a=fingerprint:sha-256 (\S+)/);

    // The router uses the peer's opus payload type, so the consumer's packets carry it too.
    router = await worker.createRouter({
      mediaCodecs: [
        { kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: opusPt, clockRate: 48000, channels: 2 },
      ],
    });
    const transport = await router.createWebRtcTransport({
      listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
    });
    const dtlsStates = [];
    transport.on('dtlsstatechange', (state) => dtlsStates.push(state));

    // mediasoup 'server' = passive (the peer sends the ClientHello); 'client' = active.
    await transport.connect({
      dtlsParameters: {
        role: mediasoupRole === 'server' ? 'client' : 'server',
        fingerprints: [{ algorithm: 'sha-256', value: peerFingerprint }],
      },
    });
    const producer = await transport.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: opusPt, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc: peerSsrc }],
      },
    });
    const consumer = await transport.consume({
      producerId: producer.id,
      rtpCapabilities: { codecs: router.rtpCapabilities.codecs, headerExtensions: [] },
    });
    await pc.setRemoteDescription({
      type: 'answer',
      sdp: answerSdp({
        transport,
        mids,
        opusPt,
        setup: mediasoupRole === 'server' ? 'passive' : 'active',
        consumer,
      }),
    });

    await until(() => transport.dtlsState === 'connected', 15_000, "transport.dtlsState 'connected'", worker);
    log(`mediasoup as DTLS ${mediasoupRole}: ICE ${transport.iceState}, DTLS ${dtlsStates.join(' -> ')}`);

    // SRTP both ways: the peer sends opus-sized packets; mediasoup counts them once decrypted
    // (srtp_unprotect) and forwards them through the consumer, encrypted again (srtp_protect).
    for (let i = 0; i < PACKETS; i++) {
      const header = new RtpHeader({
        payloadType: opusPt,
        sequenceNumber: 1000 + i,
        timestamp: i * 960,
        ssrc: peerSsrc,
        marker: false,
      });
      sendTrack.writeRtp(new RtpPacket(header, Buffer.alloc(120, i)));
      await sleep(5);
    }
    const inbound = async () => (await producer.getStats()).find((s) => s.type === 'inbound-rtp')?.packetCount ?? 0;
    await until(async () => (await inbound()) >= PACKETS * 0.8, 5_000, 'SRTP decrypted by mediasoup', worker);
    await until(() => received >= PACKETS * 0.8, 5_000, 'SRTP from mediasoup decrypted by the peer', worker);
    log(`  SRTP: mediasoup decrypted ${await inbound()}/${PACKETS} packets, the peer decrypted ${received}/${PACKETS}`);

    if (dtlsStates.includes('failed')) throw new Error(`DTLS states: ${dtlsStates.join(' -> ')}`);
    if (worker.died) throw new Error('the mediasoup worker died');
    process.kill(worker.pid, 0); // throws if the process is gone
    await worker.getResourceUsage(); // and it still answers requests
  } finally {
    await pc.close();
    router?.close();
  }
}

const stun = await localStunServer();
const worker = await createWorker({ logLevel: 'warn' });
let diedWith;
worker.on('died', (error) => {
  diedWith = error;
});
log(`mediasoup worker pid ${worker.pid} (${process.env.MEDIASOUP_WORKER_BIN ?? 'default worker path'})`);
const timer = setTimeout(() => {
  console.error('[dtls-proof] FAILED: overall timeout');
  process.exit(1);
}, 60_000);

try {
  await handshake(worker, stun, 'server');
  await handshake(worker, stun, 'client');
  if (worker.died) throw new Error('the mediasoup worker died');
  log('worker still alive after both handshakes: DTLS PROOF PASSED');
  worker.close();
  stun.close();
  clearTimeout(timer);
  process.exit(0);
} catch (error) {
  console.error(`[dtls-proof] FAILED: ${error.message}${diedWith ? ` (worker: ${diedWith.message})` : ''}`);
  process.exit(1);
}
