import {
  BallotReceipt,
  CastBallotSchema,
  ClosePollSchema,
  LIVE_NAMESPACE,
  LiveResult,
  OpenPollSchema,
  PollState,
} from '@app/shared';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { BallotBoxService } from './ballot-box.service';
import { PollsService } from './polls.service';

/** Polls: the chair or the secretary opens and closes them; eligible members (or their proxies) vote. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class PollsGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly polls: PollsService,
    private readonly ballotBox: BallotBoxService,
  ) {}

  @SubscribeMessage('poll:open')
  open(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<PollState>> {
    return this.calls.run(socket, body, { schema: OpenPollSchema, roles: ORGANISERS }, (request, caller) =>
      this.polls.open(caller, request),
    );
  }

  @SubscribeMessage('poll:close')
  close(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<PollState>> {
    return this.calls.run(socket, body, { schema: ClosePollSchema, roles: ORGANISERS }, (request, caller) =>
      this.polls.close(caller, request),
    );
  }

  /** Answered only once the ballot is committed to disk; a retry with the same ballotId is answered again. */
  @SubscribeMessage('ballot:cast')
  cast(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<BallotReceipt>> {
    return this.calls.run(socket, body, { schema: CastBallotSchema }, (request, caller) =>
      this.ballotBox.cast(caller, request),
    );
  }
}
