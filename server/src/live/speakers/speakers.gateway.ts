import {
  GiveFloorSchema,
  LiveMeetingSchema,
  LiveResult,
  MeetingRole,
  MeetingRoleSchema,
  ReorderSpeakersSchema,
  RequestFloorSchema,
  WithdrawRequestSchema,
} from '@app/shared';
import { Injectable } from '@nestjs/common';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { LiveEvent } from '../live-event';
import { SpeakersService } from './speakers.service';

/** Everyone but guests may ask for the floor. */
const SPEAKERS: readonly MeetingRole[] = MeetingRoleSchema.options.filter((role) => role !== 'guest');

/** Requests to speak and the floor, on the live namespace. */
@Injectable()
export class SpeakersGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly speakers: SpeakersService,
  ) {}

  @LiveEvent('speakers:request')
  request(socket: LiveSocket, body: unknown): Promise<LiveResult<{ requestId: string }>> {
    return this.calls.run(socket, body, { schema: RequestFloorSchema, roles: SPEAKERS }, (request, caller) =>
      this.speakers.request(caller, request),
    );
  }

  @LiveEvent('speakers:withdraw')
  withdraw(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: WithdrawRequestSchema }, async (request, caller) => {
      await this.speakers.withdraw(caller, request);
      return null;
    });
  }

  @LiveEvent('speakers:reorder')
  reorder(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(
      socket,
      body,
      { schema: ReorderSpeakersSchema, roles: ORGANISERS },
      async (request, caller) => {
        await this.speakers.reorder(caller, request);
        return null;
      },
    );
  }

  @LiveEvent('speakers:give-floor')
  giveFloor(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: GiveFloorSchema, roles: ORGANISERS }, async (request, caller) => {
      await this.speakers.giveFloor(caller, request);
      return null;
    });
  }

  /** Organisers, or the speaker themself (checked by the service). */
  @LiveEvent('speakers:end')
  end(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, async (request, caller) => {
      await this.speakers.end(caller, request);
      return null;
    });
  }
}
