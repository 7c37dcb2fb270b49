import {
  LIVE_NAMESPACE,
  LiveMeetingSchema,
  LiveResult,
  LiveSnapshotWire,
  MovePresenterSchema,
  SetCurrentItemSchema,
  SetPresenterSchema,
} from '@app/shared';
import { OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';

import { LiveCalls, LiveSocket, meetingRoom, ORGANISERS } from './live-calls';
import { LiveEvent } from './live-event';
import { LiveEventRouter } from './live-event-router';
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
    private readonly router: LiveEventRouter,
  ) {}

  afterInit(namespace: Namespace): void {
    this.router.attach(namespace);
    this.state.attachBroadcast((update) => namespace.to(meetingRoom(update.meetingId)).emit('live:update', update));
  }

  /** The room is joined before the snapshot is read: no update can fall between the two. */
  @LiveEvent('live:join')
  join(socket: LiveSocket, body: unknown): Promise<LiveResult<LiveSnapshotWire>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, async ({ meetingId }, caller) => {
      await socket.join(meetingRoom(meetingId));
      return this.state.snapshot(meetingId, caller.participant);
    });
  }

  @LiveEvent('live:sync')
  sync(socket: LiveSocket, body: unknown): Promise<LiveResult<LiveSnapshotWire>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, ({ meetingId }, caller) =>
      this.state.snapshot(meetingId, caller.participant),
    );
  }

  @LiveEvent('live:leave')
  leave(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: LiveMeetingSchema }, async ({ meetingId }) => {
      await socket.leave(meetingRoom(meetingId));
      return null;
    });
  }

  @LiveEvent('meeting:current-item')
  currentItem(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetCurrentItemSchema, roles: ORGANISERS }, async (request) => {
      await this.session.setCurrentItem(request);
      return null;
    });
  }

  @LiveEvent('presenter:set')
  setPresenter(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetPresenterSchema, roles: ORGANISERS }, async (request) => {
      await this.presentation.setPresenter(request);
      return null;
    });
  }

  @LiveEvent('presenter:move')
  move(socket: LiveSocket, body: unknown): Promise<LiveResult<{ version: number }>> {
    return this.calls.run(socket, body, { schema: MovePresenterSchema }, (request, caller) =>
      this.presentation.move(caller, request),
    );
  }
}
