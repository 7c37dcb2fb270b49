import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Namespace, Socket } from 'socket.io';

import type { LiveSocket } from './live-calls';
import { LIVE_EVENT, LiveHandler } from './live-event';

/**
 * Routes every event of the live namespace to its `@LiveEvent` handler, found on any provider of the
 * app. Each socket gets the same single `onAny` listener: a thousand delegates cost a thousand array
 * slots, not a thousand copies of every handler.
 */
@Injectable()
export class LiveEventRouter {
  private readonly logger = new Logger(LiveEventRouter.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  attach(namespace: Namespace): void {
    const handlers = this.collect();
    const logger = this.logger;
    // A plain function: socket.io calls any-listeners with the socket as `this`.
    function dispatch(this: Socket, event: string, ...args: unknown[]): void {
      const handler = handlers.get(event);
      if (!handler) return;
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (result: unknown) => void) : null;
      handler(this as LiveSocket, args[0]).then(
        (result) => ack?.(result),
        // Handlers answer their own failures; what still escapes must not take the server down.
        (error: unknown) => logger.error(`Live event "${event}" failed: ${String((error as Error)?.stack ?? error)}`),
      );
    }
    namespace.on('connection', (socket: Socket) => {
      socket.onAny(dispatch);
    });
  }

  /** Every `@LiveEvent` method of every provider; an event handled twice is a programming error. */
  private collect(): Map<string, LiveHandler> {
    const handlers = new Map<string, LiveHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[name] as LiveHandler;
        const event = this.reflector.get<string | undefined>(LIVE_EVENT, method);
        if (!event) continue;
        if (handlers.has(event)) throw new Error(`Two handlers for the live event "${event}"`);
        handlers.set(event, method.bind(instance) as LiveHandler);
      }
    }
    return handlers;
  }
}
