import { CheckInSchema, LiveResult, ProxySchema, SetQuorumRuleSchema, SiteMembersSchema } from '@app/shared';
import { Injectable } from '@nestjs/common';

import { LiveCalls, LiveSocket, ORGANISERS } from '../live-calls';
import { LiveEvent } from '../live-event';
import { AttendanceService } from './attendance.service';

/** Check-in, commune sites' declarations, proxies and the quorum rule, on the live namespace. */
@Injectable()
export class AttendanceGateway {
  constructor(
    private readonly calls: LiveCalls,
    private readonly attendance: AttendanceService,
  ) {}

  @LiveEvent('attendance:check-in')
  checkIn(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: CheckInSchema }, async (request, caller) => {
      await this.attendance.checkIn(caller, request);
      return null;
    });
  }

  @LiveEvent('attendance:site-members')
  declareSiteMembers(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SiteMembersSchema, roles: ['site'] }, async (request, caller) => {
      await this.attendance.declareSiteMembers(caller, request);
      return null;
    });
  }

  @LiveEvent('attendance:proxy')
  setProxy(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: ProxySchema }, async (request, caller) => {
      await this.attendance.setProxy(caller, request);
      return null;
    });
  }

  @LiveEvent('attendance:quorum-rule')
  setQuorumRule(socket: LiveSocket, body: unknown): Promise<LiveResult<null>> {
    return this.calls.run(socket, body, { schema: SetQuorumRuleSchema, roles: ORGANISERS }, async (request, caller) => {
      await this.attendance.setQuorumRule(caller, request);
      return null;
    });
  }
}
