import * as z from 'zod';

import { ErrorResponse } from '../errors/error-response';

/** `system:ping` lets a client measure its round trip on a weak link. */
export const PingPayloadSchema = z.object({ sentAt: z.number().int().nonnegative() }).strict();
export type PingPayload = z.infer<typeof PingPayloadSchema>;

export interface PongResponse {
  sentAt: number;
  serverTime: number;
}

/** Events the client emits. Later issues add meeting, speaker and vote events here. */
export interface ClientToServerEvents {
  'system:ping': (payload: PingPayload, ack: (response: PongResponse) => void) => void;
}

/** Events the server emits. `error` carries the same shape as every HTTP failure. */
export interface ServerToClientEvents {
  error: (error: ErrorResponse) => void;
}
