import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function tcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

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
    const port = await tcpPort();
    if (await udpFree(port)) return port;
  }
  throw new Error('no port free for both TCP and UDP');
}
