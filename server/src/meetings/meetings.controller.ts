import type { MeetingDetailResponse, MeetingResponse } from '@app/shared';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AuthenticatedRequest, AuthUser, clientIp } from '../auth/auth-user';
import { AccountRoles, CurrentUser } from '../auth/auth.decorators';
import { CurrentParticipant, MeetingAccess, ORGANISER_ROLES } from './access/meeting-access.decorators';
import {
  CreateMeetingDto,
  ListMeetingsQueryDto,
  MeetingIdParamDto,
  MeetingTransitionDto,
  UpdateMeetingDto,
} from './dto/meetings.dto';
import { MeetingLifecycleService } from './lifecycle/meeting-lifecycle.service';
import { MeetingsPlanningService } from './meetings-planning.service';
import { MeetingsService } from './meetings.service';
import { Participant } from './participant.entity';

@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly planning: MeetingsPlanningService,
    private readonly lifecycle: MeetingLifecycleService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The caller’s meetings: `scope=upcoming` (soonest first) or `past` (latest first), status and time filters',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ListMeetingsQueryDto): Promise<MeetingResponse[]> {
    return this.meetings.list(user.id, query);
  }

  @Post()
  @AccountRoles('secretary', 'chair', 'admin')
  @ApiOperation({ summary: 'Create a draft meeting; the caller becomes its secretary (chairs: its chair)' })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateMeetingDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<MeetingDetailResponse> {
    return this.planning.create(body, user, clientIp(req));
  }

  @Get(':meetingId')
  @MeetingAccess()
  @ApiOperation({ summary: 'One meeting with my role, its participants, agenda and documents (participants only)' })
  get(
    @Param() params: MeetingIdParamDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<MeetingDetailResponse> {
    return this.meetings.get(params.meetingId, participant);
  }

  @Patch(':meetingId')
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Change title, time, place, mode or organiser (draft or scheduled meetings only)' })
  update(
    @Param() params: MeetingIdParamDto,
    @Body() body: UpdateMeetingDto,
    @CurrentUser() user: AuthUser,
    @CurrentParticipant() participant: Participant,
    @Req() req: AuthenticatedRequest,
  ): Promise<MeetingDetailResponse> {
    return this.planning.update(params.meetingId, body, user, participant, clientIp(req));
  }

  @Post(':meetingId/transitions')
  @HttpCode(200)
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({
    summary:
      'Move the meeting: draft→scheduled|cancelled, scheduled→live|cancelled (reason required), live→closed, closed→archived',
  })
  transition(
    @Param() params: MeetingIdParamDto,
    @Body() body: MeetingTransitionDto,
    @CurrentUser() user: AuthUser,
    @CurrentParticipant() participant: Participant,
    @Req() req: AuthenticatedRequest,
  ): Promise<MeetingDetailResponse> {
    return this.lifecycle.transition(params.meetingId, body, user, participant, clientIp(req));
  }
}
