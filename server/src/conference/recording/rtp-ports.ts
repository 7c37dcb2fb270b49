import { createSocket, Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';

import type { RecorderProcess } from './recorder-process';

/**
 * A free UDP port pair on loopback (RTP on `port`, RTCP on `port + 1`) for ffmpeg to listen on.
 * Bound briefly to prove it free, then released for ffmpeg: the window for another taker is tiny.
 */
export async function reservePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const rtp = await bind(0);
    if (!rtp) continue;
    const port = rtp.address().port;
    const rtcp = port < 65535 ? await bind(port + 1) : null;
    rtp.close();
    rtcp?.close();
    if (rtcp) return port;
  }
  throw new Error('no free UDP port pair on 127.0.0.1');
}

function bind(port: number): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

/**
 * Resolves once `process` has bound UDP `port` (read from /proc/net/udp): from then on RTP sent
 * there is captured. Rejects if the process exits first or the time runs out.
 */
export async function waitUntilListening(process: RecorderProcess, port: number, timeoutMs: number): Promise<void> {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!process.running) throw new Error(`ffmpeg exited before listening: ${process.stderrTail() || 'no output'}`);
    const table = await readFile('/proc/net/udp', 'utf8').catch(() => '');
    if (table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(suffix))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`ffmpeg did not listen on UDP ${port} within ${timeoutMs} ms`);
}

/**
 * RTCP the recorder itself sends to a capture's RTCP port. ffmpeg ends an RTP input that has been
 * silent for about 10 s, which a muted microphone would be: an APP packet every few seconds keeps it
 * waiting (and once the server is gone it stops, so a capture never outlives it by long). A BYE
 * ends the capture cleanly: ffmpeg treats it as end of stream and writes the file's trailer.
 */
export class RtcpSignals {
  private socket: Socket | null = null;

  keepAlive(rtcpPort: number): void {
    // ffmpeg drops RTCP shorter than 12 bytes: APP (PT 204), SSRC, name "ecab".
    this.send(Buffer.from([0x80, 204, 0, 2, 0, 0, 0, 0, 0x65, 0x63, 0x61, 0x62]), rtcpPort);
  }

  bye(rtcpPort: number): void {
    // BYE (PT 203) with two SSRCs, to reach those 12 bytes.
    this.send(Buffer.from([0x82, 203, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]), rtcpPort);
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }

  private send(packet: Buffer, port: number): void {
    if (!this.socket) {
      this.socket = createSocket('udp4');
      this.socket.on('error', () => undefined);
      this.socket.unref();
    }
    this.socket.send(packet, port, '127.0.0.1');
  }
}
