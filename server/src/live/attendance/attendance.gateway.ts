import {
  CheckInSchema,
  LIVE_NAMESPACE,
  LiveResult,
  ProxySchema,
  SetQuorumRuleSchema,
  SiteMembersSchema,
} from '@app/shared';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { AttendanceService } from './attendance.service';

/** Check-in, commune sites' declarations, proxies and the quorum rule, on the live namespace. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class AttendanceGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly attendance: AttendanceService,
  ) {}

  @SubscribeMessage('attendance:check-in')
  checkIn(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: CheckInSchema }, async (request, caller) => {
      await this.attendance.checkIn(caller, request);
      return null;
    });
  }

  @SubscribeMessage('attendance:site-members')
  declareSiteMembers(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SiteMembersSchema, roles: ['site'] }, async (request, caller) => {
      await this.attendance.declareSiteMembers(caller, request);
      return null;
    });
  }

  @SubscribeMessage('attendance:proxy')
  setProxy(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ProxySchema }, async (request, caller) => {
      await this.attendance.setProxy(caller, request);
      return null;
    });
  }

  @SubscribeMessage('attendance:quorum-rule')
  setQuorumRule(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetQuorumRuleSchema, roles: ORGANISERS }, async (request, caller) => {
      await this.attendance.setQuorumRule(caller, request);
      return null;
    });
  }
}
