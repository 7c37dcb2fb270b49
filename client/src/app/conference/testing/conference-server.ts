import type { ConferenceJoinInfo } from '@app/shared';

import type { FakeLiveSocket } from '../../live/testing/fake-live-socket';
import { joinInfoStub, transportStub } from './conference-state.stub';

export const SEND_TRANSPORT_ID = 'a0000000-0000-4000-8000-000000000001';
export const RECV_TRANSPORT_ID = 'a0000000-0000-4000-8000-000000000002';

/**
 * Plays the server's side of the bridge's signalling on a FakeLiveSocket: answers a join step by step,
 * and every transport connect and produce the client waits on. `flush` lets the client's promises run
 * (fake or real timers, as the spec uses).
 */
export class FakeConferenceServer {
  private readonly answered = new Set<unknown>();
  private producers = 0;

  constructor(
    private readonly socket: () => FakeLiveSocket,
    private readonly flush: () => Promise<unknown>,
  ) {}

  /** Answers the last `conference:join` and everything after it; the client then sends its media. */
  async join(info: ConferenceJoinInfo = joinInfoStub()): Promise<void> {
    const socket = this.socket();
    await this.flush();
    socket.last('conference:join').ack({ ok: true, data: info });
    await this.flush();
    const transports = socket.emitted('conference:transport');
    transports.at(-2)?.ack({ ok: true, data: transportStub(SEND_TRANSPORT_ID) });
    transports.at(-1)?.ack({ ok: true, data: transportStub(RECV_TRANSPORT_ID) });
    await this.flush();
    socket.last('conference:ready').ack({ ok: true, data: null });
    await this.flush();
    await this.connects();
  }

  /** Answers every transport connect and produce on its way (produce gets a fresh producer id). */
  async connects(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      const waiting = this.socket().sent.filter(
        (s) =>
          (s.event === 'conference:transport-connect' || s.event === 'conference:produce') && !this.answered.has(s),
      );
      if (!waiting.length) return;
      for (const s of waiting) {
        this.answered.add(s);
        const producerId = `b0000000-0000-4000-8000-${String(++this.producers).padStart(12, '0')}`;
        s.ack(s.event === 'conference:produce' ? { ok: true, data: { producerId } } : { ok: true, data: null });
      }
      await this.flush();
    }
  }
}
