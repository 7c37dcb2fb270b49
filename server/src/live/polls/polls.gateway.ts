import { BallotReceipt, CastBallotSchema, ClosePollSchema, LiveResult, OpenPollSchema, PollState } from '@app/shared';
import { Injectable } from '@nestjs/common';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { LiveEvent } from '../live-event';
import { BallotBoxService } from './ballot-box.service';
import { PollsService } from './polls.service';

/** Polls: the chair or the secretary opens and closes them; eligible members (or their proxies) vote. */
@Injectable()
export class PollsGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly polls: PollsService,
    private readonly ballotBox: BallotBoxService,
  ) {}

  @LiveEvent('poll:open')
  open(socket: LiveSocket, body: unknown): Promise<LiveResult<PollState>> {
    return this.calls.run(socket, body, { schema: OpenPollSchema, roles: ORGANISERS }, (request, caller) =>
      this.polls.open(caller, request),
    );
  }

  @LiveEvent('poll:close')
  close(socket: LiveSocket, body: unknown): Promise<LiveResult<PollState>> {
    return this.calls.run(socket, body, { schema: ClosePollSchema, roles: ORGANISERS }, (request, caller) =>
      this.polls.close(caller, request),
    );
  }

  /** Answered only once the ballot is committed to disk; a retry with the same ballotId is answered again. */
  @LiveEvent('ballot:cast')
  cast(socket: LiveSocket, body: unknown): Promise<LiveResult<BallotReceipt>> {
    return this.calls.run(socket, body, { schema: CastBallotSchema }, (request, caller) =>
      this.ballotBox.cast(caller, request),
    );
  }
}
