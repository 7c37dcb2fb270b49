import type { LiveEventName, LiveResult } from '@app/shared';
import { SetMetadata } from '@nestjs/common';

import type { LiveSocket } from './live-calls';

export const LIVE_EVENT = 'ecabinet:live-event';

/** A handler of one event of the live namespace: the socket that sent it and the raw payload. */
export type LiveHandler = (socket: LiveSocket, body: unknown) => Promise<LiveResult<unknown>>;

/**
 * Marks a method as the handler of one live event, like `@SubscribeMessage`. Nest binds every
 * `@SubscribeMessage` handler again for each socket (a bound function, an argument list and a
 * listener per handler: about 8 KB a socket with the live session's 25 events, more with the video
 * bridge's); `LiveEventRouter` dispatches them all through one listener shared by every socket.
 */
export const LiveEvent = (event: LiveEventName): MethodDecorator => SetMetadata(LIVE_EVENT, event);
