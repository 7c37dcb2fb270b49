/**
 * The receiving ends of the consumers' PlainTransports, in a child process of the bench so that
 * reading tens of thousands of datagrams a second does not hold up the replay's timer.
 *
 * - Counting sinks: loopback UDP sockets that count RTP packets per SSRC and track each SSRC's
 *   highest extended sequence number. A mediasoup consumer numbers its packets without gaps, so
 *   (highest − highest earlier) − (received − received earlier) is the packets lost on the way —
 *   including those the kernel dropped because this process did not read in time, which the
 *   snapshot reports apart (the sockets' drop counters).
 * - A drop sink: a socket bound in a worker thread that never reads it (the thread sleeps in
 *   Atomics.wait), so the kernel queues and then drops what arrives. It stands in for receivers
 *   whose packets the bench does not count, without this process competing with the mediasoup
 *   worker for the two cores.
 *
 * Protocol (IPC): {cmd:'bind', count} → ports; {cmd:'drop'} → port; {cmd:'snapshot'} → SinkSnapshot.
 */
import { ChildProcess, fork } from 'node:child_process';
import { createSocket, Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface SinkSnapshot {
  ssrcs: number[];
  received: number[];
  highest: number[];
  /** Datagrams the kernel dropped at the counting sockets (their buffers were full): /proc/net/udp. */
  drops: number;
}

export type SinkCommand = { cmd: 'bind'; count: number } | { cmd: 'drop' } | { cmd: 'snapshot' };

interface SsrcCount {
  received: number;
  cycles: number;
  maxSeq: number;
}

const DROP_SINK = `
const { parentPort } = require('node:worker_threads');
const socket = require('node:dgram').createSocket({ type: 'udp4', recvBufferSize: 65536 });
socket.bind(0, '127.0.0.1', () => {
  parentPort.postMessage(socket.address().port);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
`;

export interface SinkTally {
  /** SSRCs counted: those that received before the window and during it. */
  streams: number;
  received: number;
  expected: number;
  lost: number;
}

/** The bench's handle on the sink process. */
export class RtpSinks {
  private next = 1;
  private readonly pending = new Map<number, (data: unknown) => void>();

  private constructor(readonly child: ChildProcess) {
    child.on('message', (message: { id: number; data: unknown }) => {
      this.pending.get(message.id)?.(message.data);
      this.pending.delete(message.id);
    });
  }

  static async start(): Promise<RtpSinks> {
    const child = fork(__filename, [], {
      execArgv: ['-r', 'ts-node/register'],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the sink process exited with ${code}`)));
    });
    return new RtpSinks(child);
  }

  private send<T>(command: SinkCommand): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (data: unknown) => void);
      this.child.send({ ...command, id });
    });
  }

  bind(count: number): Promise<number[]> {
    return this.send({ cmd: 'bind', count });
  }

  drop(): Promise<number> {
    return this.send({ cmd: 'drop' });
  }

  snapshot(): Promise<SinkSnapshot> {
    return this.send({ cmd: 'snapshot' });
  }

  /** What the given SSRCs received between two snapshots, and what they lost (sequence gaps). */
  static tally(before: SinkSnapshot, after: SinkSnapshot, ssrcs: Set<number>): SinkTally {
    const earlier = new Map(before.ssrcs.map((ssrc, i) => [ssrc, i]));
    const tally: SinkTally = { streams: 0, received: 0, expected: 0, lost: 0 };
    for (const [i, ssrc] of after.ssrcs.entries()) {
      const j = earlier.get(ssrc);
      if (!ssrcs.has(ssrc) || j === undefined) continue;
      const received = after.received[i] - before.received[j];
      const expected = after.highest[i] - before.highest[j];
      if (received === 0) continue;
      tally.streams++;
      tally.received += received;
      tally.expected += expected;
      tally.lost += Math.max(0, expected - received);
    }
    return tally;
  }

  close(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

// ---------- the sink process ----------

function runSinkProcess(): void {
  const counts = new Map<number, SsrcCount>();
  const sockets: Socket[] = [];
  const dropSinks: Worker[] = [];

  const count = (packet: Buffer) => {
    if (packet.length < 12 || (packet[0] & 0xc0) !== 0x80) return;
    const pt = packet[1] & 0x7f;
    if (pt >= 72 && pt <= 76) return; // RTCP (payload types 200..204)
    const ssrc = packet.readUInt32BE(8);
    const seq = packet.readUInt16BE(2);
    const entry = counts.get(ssrc);
    if (!entry) {
      counts.set(ssrc, { received: 1, cycles: 0, maxSeq: seq });
      return;
    }
    entry.received++;
    const ahead = (seq - entry.maxSeq) & 0xffff;
    if (ahead > 0 && ahead < 0x8000) {
      if (seq < entry.maxSeq) entry.cycles++;
      entry.maxSeq = seq;
    }
  };

  const socketDrops = (): number => {
    const ports = new Set(sockets.map((socket) => socket.address().port));
    let drops = 0;
    for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const port = parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (ports.has(port)) drops += Number(fields[fields.length - 1]);
    }
    return drops;
  };

  const bind = async (): Promise<number> => {
    const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    socket.on('message', count);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    sockets.push(socket);
    return socket.address().port;
  };

  const drop = (): Promise<number> => {
    const worker = new Worker(DROP_SINK, { eval: true });
    dropSinks.push(worker);
    return new Promise((resolve) => worker.once('message', resolve));
  };

  const handle = async (command: SinkCommand): Promise<unknown> => {
    switch (command.cmd) {
      case 'bind': {
        const ports: number[] = [];
        for (let i = 0; i < command.count; i++) ports.push(await bind());
        return ports;
      }
      case 'drop':
        return drop();
      case 'snapshot': {
        const snapshot: SinkSnapshot = { ssrcs: [], received: [], highest: [], drops: socketDrops() };
        for (const [ssrc, c] of counts) {
          snapshot.ssrcs.push(ssrc);
          snapshot.received.push(c.received);
          snapshot.highest.push(c.cycles * 0x10000 + c.maxSeq);
        }
        return snapshot;
      }
    }
  };

  process.on('message', (request: SinkCommand & { id: number }) => {
    void handle(request).then((data) => process.send?.({ id: request.id, data }));
  });
  // The bench is gone: leave (the drop sinks' threads die with the process).
  process.once('disconnect', () => process.exit(0));
  process.send?.({ id: 0, data: 'ready' });
}

if (require.main === module) runSinkProcess();
