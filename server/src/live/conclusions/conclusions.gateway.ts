import { LiveResult, SetConclusionSchema } from '@app/shared';
import { Injectable } from '@nestjs/common';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { LiveEvent } from '../live-event';
import { ConclusionsService } from './conclusions.service';

/** Agenda item conclusions, on the live namespace. */
@Injectable()
export class ConclusionsGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly conclusions: ConclusionsService,
  ) {}

  @LiveEvent('conclusion:set')
  set(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetConclusionSchema, roles: ORGANISERS }, async (request, caller) => {
      await this.conclusions.set(caller, request);
      return null;
    });
  }
}
