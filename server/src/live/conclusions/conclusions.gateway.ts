import { LIVE_NAMESPACE, LiveResult, SetConclusionSchema } from '@app/shared';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { ConclusionsService } from './conclusions.service';

/** Agenda item conclusions, on the live namespace. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ConclusionsGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly conclusions: ConclusionsService,
  ) {}

  @SubscribeMessage('conclusion:set')
  set(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetConclusionSchema, roles: ORGANISERS }, async (request, caller) => {
      await this.conclusions.set(caller, request);
      return null;
    });
  }
}
