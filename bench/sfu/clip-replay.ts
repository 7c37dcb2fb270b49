/**
 * Replays the encoded clip as every site's camera and microphone, in real time and in a loop.
 *
 * Each site is one UDP socket of this process (a comedia PlainTransport latches on to the first
 * source address it sees, so all of a site's streams leave from the same socket) sending the clip's
 * packets to that site's PlainTransport with a small RTP header rewrite: the SSRC (bytes 8..11) is
 * the site's own, and on every loop the sequence number (bytes 2..3) and timestamp (bytes 4..7)
 * move on by one clip's worth, so mediasoup sees endless, gap-free streams. Sites start a fraction
 * of a frame apart, as real cameras are not in step. Like any sender, each site also sends an RTCP
 * sender report per stream every second (mediasoup needs them to switch a consumer between
 * simulcast layers).
 */
import { createSocket, Socket } from 'node:dgram';

import type { EncodedClip } from './encoded-clip';

export interface ReplayTarget {
  port: number;
  /** One SSRC per clip stream (same order as clip.streams). */
  ssrcs: number[];
}

interface Scheduled {
  stream: number;
  atMs: number;
  packet: Buffer;
}

interface SiteCursor {
  /** Connected to the site's transport. */
  socket: Socket;
  target: ReplayTarget;
  /** The site's own copy of the schedule's packets, its SSRCs written in. */
  copies: Buffer[];
  offsetMs: number;
  loop: number;
  next: number;
  /** Per stream, for the sender reports. */
  packets: number[];
  octets: number[];
  reportedAt: number;
}

const REPORT_EVERY_MS = 1000;
/** How far behind the replay may fall before it skips time instead of catching up. */
const MAX_LAG_MS = 250;
/** Seconds from 1900 (NTP) to 1970 (Unix). */
const NTP_EPOCH_OFFSET = 2208988800;

export class ClipReplay {
  private readonly schedule: Scheduled[];
  private readonly loopMs: number;
  private readonly sites: SiteCursor[] = [];
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private pausedAt = 0;
  sent = 0;
  /** Replay time skipped because this process could not keep up. */
  stalledMs = 0;

  /** Packets a second the replay sends when it keeps up (all sites, RTP only). */
  get packetsPerSecond(): number {
    return (this.schedule.length * this.sites.length) / this.clip.spec.seconds;
  }

  constructor(private readonly clip: EncodedClip) {
    this.loopMs = clip.spec.seconds * 1000;
    this.schedule = clip.streams
      .flatMap((s, stream) => s.packets.map((packet, i) => ({ stream, atMs: s.atMs[i], packet })))
      .sort((a, b) => a.atMs - b.atMs);
  }

  /** Opens one socket per site; returns once all are bound. */
  async open(targets: ReplayTarget[]): Promise<void> {
    const frameMs = 1000 / this.clip.spec.fps;
    for (const [i, target] of targets.entries()) {
      const socket = createSocket('udp4');
      socket.on('message', () => undefined); // mediasoup's receiver reports and PLIs: not needed
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      await new Promise<void>((resolve) => socket.connect(target.port, '127.0.0.1', resolve));
      const streams = this.clip.streams.length;
      const copies = this.schedule.map((item) => {
        const copy = Buffer.from(item.packet);
        copy.writeUInt32BE(target.ssrcs[item.stream], 8);
        return copy;
      });
      this.sites.push({
        socket,
        target,
        copies,
        offsetMs: (i * frameMs) / targets.length,
        loop: 0,
        next: 0,
        packets: new Array<number>(streams).fill(0),
        octets: new Array<number>(streams).fill(0),
        reportedAt: 0,
      });
    }
  }

  start(): void {
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.tick(), 2);
  }

  /**
   * Stops sending until resume(), which carries on from the same point of the clip (no burst to
   * catch up): the bench pauses while it builds transports, which a worker busy forwarding would
   * take long to answer.
   */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.pausedAt = performance.now();
  }

  resume(): void {
    if (this.timer) return;
    this.startedAt += performance.now() - this.pausedAt;
    this.timer = setInterval(() => this.tick(), 2);
  }

  private tick(): void {
    let now = performance.now() - this.startedAt;
    // After this process was starved of CPU, carry on from where it was rather than burst.
    const due = Math.min(...this.sites.map((site) => this.dueMs(site)));
    if (now - due > MAX_LAG_MS) {
      const late = now - due - MAX_LAG_MS;
      this.startedAt += late;
      this.stalledMs += late;
      now -= late;
    }
    for (const site of this.sites) {
      for (;;) {
        if (this.dueMs(site) > now) break;
        const item = this.schedule[site.next];
        site.socket.send(this.rewrite(item, site));
        site.packets[item.stream]++;
        site.octets[item.stream] += item.packet.length - 12;
        this.sent++;
        if (++site.next === this.schedule.length) {
          site.next = 0;
          site.loop++;
        }
      }
      if (now - site.reportedAt >= REPORT_EVERY_MS && now >= site.offsetMs) {
        site.reportedAt = now;
        for (let stream = 0; stream < this.clip.streams.length; stream++) {
          site.socket.send(this.senderReport(site, stream, now));
        }
      }
    }
  }

  /** When the site's next packet is due, ms of replay time. */
  private dueMs(site: SiteCursor): number {
    return site.offsetMs + site.loop * this.loopMs + this.schedule[site.next].atMs;
  }

  /** RTCP SR (RFC 3550 §6.4.1) for one of a site's streams, at `now` ms of replay time. */
  private senderReport(site: SiteCursor, stream: number, now: number): Buffer {
    const { clockRate, packets } = this.clip.streams[stream];
    const ts0 = packets[0].readUInt32BE(4);
    const wallMs = performance.timeOrigin + this.startedAt + now;
    const report = Buffer.alloc(28);
    report[0] = 0x80;
    report[1] = 200;
    report.writeUInt16BE(6, 2);
    report.writeUInt32BE(site.target.ssrcs[stream], 4);
    report.writeUInt32BE(Math.floor(wallMs / 1000) + NTP_EPOCH_OFFSET, 8);
    report.writeUInt32BE(Math.floor(((wallMs % 1000) / 1000) * 0x100000000) >>> 0, 12);
    report.writeUInt32BE((ts0 + Math.round(((now - site.offsetMs) * clockRate) / 1000)) % 0x100000000, 16);
    report.writeUInt32BE(site.packets[stream] >>> 0, 20);
    report.writeUInt32BE(site.octets[stream] >>> 0, 24);
    return report;
  }

  /** The site's copy of the next packet, numbered for this loop (its previous send is long done). */
  private rewrite(item: Scheduled, site: SiteCursor): Buffer {
    const stream = this.clip.streams[item.stream];
    const packet = site.copies[site.next];
    packet.writeUInt16BE((item.packet.readUInt16BE(2) + site.loop * stream.packets.length) & 0xffff, 2);
    packet.writeUInt32BE(
      (item.packet.readUInt32BE(4) + site.loop * this.clip.spec.seconds * stream.clockRate) % 0x100000000,
      4,
    );
    return packet;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const site of this.sites) site.socket.close();
    this.sites.length = 0;
  }
}
