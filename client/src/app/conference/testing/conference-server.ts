import type { ConferenceJoinInfo } from '@app/shared';

import type { FakeLiveSocket } from '../../live/testing/fake-live-socket';
import { joinInfoStub, RECV_TRANSPORT_ID, SEND_TRANSPORT_ID, transportStub } from './conference-state.stub';

export { RECV_TRANSPORT_ID, SEND_TRANSPORT_ID };

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

  /**
   * Answers the device's `conference:capabilities` (once per page) and the last `conference:join`
   * with both transports, and every connect and produce after it; the client then sends its media.
   */
  async join(info: ConferenceJoinInfo = joinInfoStub()): Promise<void> {
    const socket = this.socket();
    await this.capabilities(info);
    // The device loads, then the join goes out: a few turns of the client's promises.
    for (let turn = 0; turn < 10 && !socket.emitted('conference:join').length; turn++) await this.flush();
    const transports = { send: transportStub(SEND_TRANSPORT_ID), recv: transportStub(RECV_TRANSPORT_ID) };
    socket.last('conference:join').ack({ ok: true, data: { transports, ...info } });
    await this.flush();
    await this.connects();
  }

  /** Answers the device's `conference:capabilities` calls on their way. */
  async capabilities(info: ConferenceJoinInfo = joinInfoStub()): Promise<void> {
    await this.flush();
    for (const asked of this.socket().emitted('conference:capabilities')) {
      if (this.answered.has(asked)) continue;
      this.answered.add(asked);
      asked.ack({ ok: true, data: { routerRtpCapabilities: info.routerRtpCapabilities } });
    }
    await this.flush();
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
