import type { TransportOptions } from '@app/shared';

import type { AppConfig } from '../config/app-config';
import type { ConferencePeer, PeerTransport, TransportAppData } from './conference-peer';
import type { ConferenceRoom } from './conference-room';

/** What mediasoup may send a new peer before its congestion control has measured the link (bps). */
export const INITIAL_OUTGOING_BITRATE = 600_000;
/** Most a peer may send: 720p camera simulcast plus a screen share (bps). */
export const MAX_INCOMING_BITRATE = 3_000_000;
/**
 * ICE `disconnected` for longer than this (no consent, no restart from the client): the peer is gone.
 * A silent site is thus closed MEDIA_ICE_CONSENT_TIMEOUT_SECONDS plus this after it went quiet.
 */
export const ICE_DISCONNECTED_GRACE_MS = 10_000;

/**
 * A WebRTC transport for a peer, on its worker's WebRtcServer (one port per worker), UDP preferred
 * with TCP for firewalls that drop UDP. A second transport in the same direction replaces the first
 * (a client recovering from a failed transport). A transport that stays ICE-disconnected, or whose
 * DTLS fails or is closed by the client, closes the peer: the client's auto-rejoin takes over.
 */
export async function createPeerTransport(
  room: ConferenceRoom,
  peer: ConferencePeer,
  direction: 'send' | 'recv',
  media: AppConfig['media'],
): Promise<PeerTransport> {
  const base = {
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
    // Browsers send a consent check every ~5 s: a client that stops (cable pulled, laptop shut, no
    // DTLS close) turns `disconnected` this many seconds after its last check.
    iceConsentTimeout: media.iceConsentTimeoutSeconds,
    appData: { direction } satisfies TransportAppData,
  };
  const listen = { ip: media.listenIp, announcedAddress: media.announcedAddress ?? undefined };
  const transport = room.webRtcServer
    ? await room.router.createWebRtcTransport<TransportAppData>({ ...base, webRtcServer: room.webRtcServer })
    : await room.router.createWebRtcTransport<TransportAppData>({
        ...base,
        listenInfos: [
          { protocol: 'udp', ...listen },
          { protocol: 'tcp', ...listen },
        ],
      });
  if (peer.closed) {
    transport.close();
    throw new Error(`peer ${peer.id} left while its transport was created`);
  }
  if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
  peer.transport(direction)?.close();
  peer.transports.set(transport.id, transport);
  watch(peer, transport);
  return transport;
}

export function transportOptions(transport: PeerTransport): TransportOptions {
  return {
    id: transport.id,
    iceParameters: { ...transport.iceParameters },
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate })),
    dtlsParameters: { ...transport.dtlsParameters },
  };
}

function watch(peer: ConferencePeer, transport: PeerTransport): void {
  let disconnected: NodeJS.Timeout | null = null;
  const clear = () => {
    if (disconnected) clearTimeout(disconnected);
    disconnected = null;
  };
  transport.on('icestatechange', (state) => {
    if (state === 'disconnected') {
      disconnected ??= setTimeout(() => peer.close(), ICE_DISCONNECTED_GRACE_MS);
    } else {
      clear();
    }
  });
  transport.on('dtlsstatechange', (state) => {
    if (state === 'failed' || state === 'closed') peer.close();
  });
  transport.observer.once('close', () => {
    clear();
    if (peer.transports.get(transport.id) === transport) peer.transports.delete(transport.id);
  });
}
