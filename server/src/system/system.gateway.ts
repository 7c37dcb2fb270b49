import { ClientToServerEvents, PingPayload, PingPayloadSchema, PongResponse } from '@app/shared';
import { UseFilters } from '@nestjs/common';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter';
import { ZodSocketPipe } from '../common/pipes/zod-socket.pipe';

type PingEvent = Extract<keyof ClientToServerEvents, 'system:ping'>;
const PING: PingEvent = 'system:ping';

/** Link check for weak connections: answers a ping with the server time (acknowledgement). */
@WebSocketGateway()
@UseFilters(AllExceptionsFilter)
export class SystemGateway {
  @SubscribeMessage(PING)
  ping(@MessageBody(new ZodSocketPipe(PingPayloadSchema)) payload: PingPayload): PongResponse {
    return { sentAt: payload.sentAt, serverTime: Date.now() };
  }
}
