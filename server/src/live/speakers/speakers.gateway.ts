import {
  GiveFloorSchema,
  LIVE_NAMESPACE,
  LiveMeetingSchema,
  LiveResult,
  MeetingRole,
  MeetingRoleSchema,
  ReorderSpeakersSchema,
  RequestFloorSchema,
  WithdrawRequestSchema,
} from '@app/shared';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { SpeakersService } from './speakers.service';

/** Everyone but guests may ask for the floor. */
const SPEAKERS: readonly MeetingRole[] = MeetingRoleSchema.options.filter((role) => role !== 'guest');

/** Requests to speak and the floor, on the live namespace. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class SpeakersGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly speakers: SpeakersService,
  ) {}

  @SubscribeMessage('speakers:request')
  request(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<LiveResult<{ requestId: string }>> {
    return this.calls.run(socket, body, { schema: RequestFloorSchema, roles: SPEAKERS }, (request, caller) =>
      this.speakers.request(caller, request),
    );
  }

  @SubscribeMessage('speakers:withdraw')
  withdraw(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: WithdrawRequestSchema }, async (request, caller) => {
      await this.speakers.withdraw(caller, request);
      return null;
    });
  }

  @SubscribeMessage('speakers:reorder')
  reorder(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
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

  @SubscribeMessage('speakers:give-floor')
  giveFloor(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: GiveFloorSchema, roles: ORGANISERS }, async (request, caller) => {
      await this.speakers.giveFloor(caller, request);
      return null;
    });
  }

  /** Organisers, or the speaker themself (checked by the service). */
  @SubscribeMessage('speakers:end')
  end(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, async (request, caller) => {
      await this.speakers.end(caller, request);
      return null;
    });
  }
}
