import type { ParticipantResponse } from '@app/shared';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AuthenticatedRequest, AuthUser, clientIp } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/auth.decorators';
import { MeetingAccess, ORGANISER_ROLES } from '../access/meeting-access.decorators';
import { AddParticipantDto, MeetingIdParamDto, ParticipantParamsDto, UpdateParticipantDto } from '../dto/meetings.dto';
import { ParticipantsService } from './participants.service';

@Controller('meetings/:meetingId/participants')
@MeetingAccess()
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  @ApiOperation({ summary: 'Who takes part, chair first (any participant)' })
  list(@Param() params: MeetingIdParamDto): Promise<ParticipantResponse[]> {
    return this.participants.list(params.meetingId);
  }

  @Post()
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Add a person or a commune site; invited at once if the meeting is scheduled' })
  add(
    @Param() params: MeetingIdParamDto,
    @Body() body: AddParticipantDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<ParticipantResponse> {
    return this.participants.add(params.meetingId, body, user, clientIp(req));
  }

  @Patch(':participantId')
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Change a participant’s meeting role or voting right' })
  update(
    @Param() params: ParticipantParamsDto,
    @Body() body: UpdateParticipantDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<ParticipantResponse> {
    return this.participants.update(params.meetingId, params.participantId, body, user, clientIp(req));
  }

  @Delete(':participantId')
  @HttpCode(204)
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Remove a participant (the last chair or secretary cannot be removed)' })
  remove(
    @Param() params: ParticipantParamsDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<void> {
    return this.participants.remove(params.meetingId, params.participantId, user, clientIp(req));
  }
}
