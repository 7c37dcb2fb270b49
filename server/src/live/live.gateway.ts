import {
  LIVE_NAMESPACE,
  LiveMeetingSchema,
  LiveResult,
  LiveSnapshotWire,
  MovePresenterSchema,
  SetCurrentItemSchema,
  SetPresenterSchema,
} from '@app/shared';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';

import { LiveCalls, LiveSocket, meetingRoom, ORGANISERS } from './live-calls';
import { LiveStateService } from './live-state.service';
import { PresentationService } from './presentation/presentation.service';
import { MeetingSessionService } from './session/meeting-session.service';

/**
 * The live session's namespace: joining a meeting's room (after the membership check) with its
 * snapshot, re-syncing, the item under discussion and follow-the-presenter. Attendance, speakers,
 * polls and conclusions have their own gateways on the same namespace.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit {
  constructor(
    private readonly calls: LiveCalls,
    private readonly state: LiveStateService,
    private readonly session: MeetingSessionService,
    private readonly presentation: PresentationService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.state.attachBroadcast((update) => namespace.to(meetingRoom(update.meetingId)).emit('live:update', update));
  }

  /** The room is joined before the snapshot is read: no update can fall between the two. */
  @SubscribeMessage('live:join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<LiveSnapshotWire>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, async ({ meetingId }, caller) => {
      await socket.join(meetingRoom(meetingId));
      return this.state.snapshot(meetingId, caller.participant);
    });
  }

  @SubscribeMessage('live:sync')
  sync(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<LiveSnapshotWire>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, ({ meetingId }, caller) =>
      this.state.snapshot(meetingId, caller.participant),
    );
  }

  @SubscribeMessage('live:leave')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, async ({ meetingId }) => {
      await socket.leave(meetingRoom(meetingId));
      return null;
    });
  }

  @SubscribeMessage('meeting:current-item')
  currentItem(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetCurrentItemSchema, roles: ORGANISERS }, async (request) => {
      await this.session.setCurrentItem(request);
      return null;
    });
  }

  @SubscribeMessage('presenter:set')
  setPresenter(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetPresenterSchema, roles: ORGANISERS }, async (request) => {
      await this.presentation.setPresenter(request);
      return null;
    });
  }

  @SubscribeMessage('presenter:move')
  move(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<{ version: number }>> {
    return this.calls.run(socket, body, { schema: MovePresenterSchema }, (request, caller) =>
      this.presentation.move(caller, request),
    );
  }
}
