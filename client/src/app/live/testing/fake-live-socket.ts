import type { LiveResult } from '@app/shared';

/* eslint-disable @typescript-eslint/no-explicit-any -- a stand-in for any event's payload and listener */

export interface SentEvent {
  event: string;
  payload: any;
  ack: (result: LiveResult<unknown>) => void;
}

/**
 * Stands in for the socket.io client socket of the live namespace in unit tests: records what the
 * client emits (with the ack to answer) and lets the test play the server (connect, drop, push).
 */
export class FakeLiveSocket {
  connected = false;
  active = true;
  connectCalls = 0;
  readonly sent: SentEvent[] = [];
  private readonly handlers = new Map<string, ((...args: any[]) => void)[]>();

  on(event: string, handler: (...args: any[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  off(event: string, handler: (...args: any[]) => void): this {
    this.handlers.set(
      event,
      (this.handlers.get(event) ?? []).filter((h) => h !== handler),
    );
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  emit(event: string, payload: any, ack: (result: LiveResult<unknown>) => void): this {
    this.sent.push({ event, payload, ack });
    return this;
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }

  /** The server accepted the (re)connection. */
  serverConnect(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The link dropped; socket.io tries again by itself (still `active`). */
  serverDisconnect(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  /** An event from the server, e.g. `live:update`. */
  push(event: string, ...args: any[]): void {
    this.fire(event, ...args);
  }

  /** What was emitted for `event`, oldest first. */
  emitted(event: string): SentEvent[] {
    return this.sent.filter((sent) => sent.event === event);
  }

  last(event: string): SentEvent {
    const found = this.emitted(event).at(-1);
    if (!found) {
      throw new Error(
        `FakeLiveSocket: nothing emitted for ${event}; sent: ${this.sent.map((s) => s.event).join(', ')}`,
      );
    }
    return found;
  }

  private fire(event: string, ...args: any[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
}
