import type { MediaWire, TransportOptions } from '@app/shared';
import { RTCPeerConnection } from 'werift';

/** werift's ICE agent (ice Connection) as far as the helpers below need it; these members are private in its typings. */
interface IceAgent {
  state: string;
  remoteUsername: string;
  /** The candidate pair in use; none from an ICE restart until the checks succeed again. */
  nominated?: unknown;
  protocols: { close(): Promise<void> }[];
  queryConsentHandle?: { resolve(): void };
}

const iceAgents = (pc: RTCPeerConnection): IceAgent[] =>
  pc.iceTransports.map((transport) => transport.connection as unknown as IceAgent);

function sdpValue(sdp: string, pattern: RegExp): string {
  const match = pattern.exec(sdp);
  if (!match) throw new Error(`offer SDP has no ${pattern}`);
  return match[1];
}

interface Candidate {
  foundation: string;
  priority: number;
  address: string;
  protocol: string;
  port: number;
  type: string;
}

/** mediasoup is ICE-lite and the DTLS server; the answer describes its transport to the werift peer. */
function answerSdp(options: TransportOptions, mid: string, opusPt: string): string {
  const ice = options.iceParameters as { usernameFragment: string; password: string };
  const fingerprints = (options.dtlsParameters as { fingerprints: { algorithm: string; value: string }[] })
    .fingerprints;
  const fingerprint = fingerprints.find((f) => f.algorithm === 'sha-256');
  if (!fingerprint) throw new Error('transport has no sha-256 fingerprint');
  const candidates = (options.iceCandidates as unknown as Candidate[])
    .filter((c) => c.protocol === 'udp')
    .map((c) => `a=candidate:${c.foundation} 1 udp ${c.priority} ${c.address} ${c.port} typ ${c.type}`);
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
    'a=sendonly',
    'a=rtcp-mux',
    `a=ice-ufrag:${ice.usernameFragment}`,
    `a=ice-pwd:${ice.password}`,
    `a=fingerprint:sha-256 ${fingerprint.value}`,
    'a=setup:passive',
    `a=rtpmap:${opusPt} opus/48000/2`,
    ...candidates,
    'a=end-of-candidates',
    '',
  ].join('\r\n');
}

/**
 * Test only: a real WebRTC endpoint (werift) on a peer's recv transport, so that mediasoup forwards
 * to it: ICE against the transport's candidates (the worker's WebRtcServer port), then DTLS, then
 * SRTP. What the consumers send is counted by mediasoup (outbound-rtp); werift just has to be
 * connected, so one m-line is enough. `connect` is `conference:transport-connect`.
 */
export async function connectWeriftReceiver(
  options: TransportOptions,
  connect: (dtlsParameters: MediaWire) => Promise<void>,
): Promise<RTCPeerConnection> {
  const pc = new RTCPeerConnection({ iceUseIpv6: false });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  const offer = pc.localDescription?.sdp ?? '';
  const mid = sdpValue(offer, /a=mid:(\S+)/);
  const opusPt = sdpValue(offer, /a=rtpmap:(\d+) opus\/48000/i);
  const fingerprint = sdpValue(offer, /a=fingerprint:sha-256 (\S+)/);
  await connect({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: fingerprint }] });
  await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp(options, mid, opusPt) });
  return pc;
}

/**
 * Test only: the site goes silent as when its cable is pulled or its laptop shut: no more ICE
 * consent checks, nothing sent or received (its UDP sockets closed), and — unlike `pc.close()` — no
 * DTLS close alert, so mediasoup learns of it only from the missing consent.
 */
export async function silenceWeriftReceiver(pc: RTCPeerConnection): Promise<void> {
  for (const agent of iceAgents(pc)) {
    agent.queryConsentHandle?.resolve(); // cancels the consent loop
    await Promise.all(agent.protocols.splice(0).map((protocol) => protocol.close()));
  }
}

/** Test only: counts the RTP packets the werift peer decrypts (what actually reached it). */
export function countReceivedRtp(pc: RTCPeerConnection): { readonly packets: number } {
  const counter = { packets: 0 };
  for (const dtls of pc.dtlsTransports) dtls.onRtp.subscribe(() => void counter.packets++);
  return counter;
}

/**
 * Test only: the werift peer follows a `conference:transport-restart-ice`, as a browser does with
 * `restartIce`: an ICE-restart offer, the answer with the transport's new ICE parameters, then
 * connectivity checks signed with them. werift 0.22 renegotiates but does not run the checks again
 * while its DTLS is up (its `connect()` returns early), so they are started here.
 */
export async function restartWeriftIce(pc: RTCPeerConnection, options: TransportOptions): Promise<void> {
  await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
  const offer = pc.localDescription?.sdp ?? '';
  const mid = sdpValue(offer, /a=mid:(\S+)/);
  const opusPt = sdpValue(offer, /a=rtpmap:(\d+) opus\/48000/i);
  await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp(options, mid, opusPt) });
  await Promise.all(
    pc.iceTransports.map(async (transport) => {
      if (!(transport.connection as unknown as IceAgent).nominated) await transport.start();
    }),
  );
}

/** The ICE username fragment of mediasoup's transport the werift peer now checks consent with, and its state. */
export function weriftIceState(pc: RTCPeerConnection): { remoteUsername: string; state: string } {
  const [agent] = iceAgents(pc);
  return { remoteUsername: agent?.remoteUsername ?? '', state: agent?.state ?? 'closed' };
}
