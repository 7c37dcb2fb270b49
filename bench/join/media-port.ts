import { createSocket } from 'node:dgram';

import { freePort } from '../lib/product-server';

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/**
 * A loopback port free for both TCP and UDP, for the server's WebRtcServer (MEDIA_WEBRTC_PORT): the
 * default 44444 may be a developer's running server.
 */
export async function freeMediaPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (await udpFree(port)) return port;
  }
  throw new Error('no port free for both TCP and UDP');
}
