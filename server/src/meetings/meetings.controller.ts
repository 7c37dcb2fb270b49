import type { MeetingDetailResponse, MeetingResponse } from '@app/shared';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { MeetingAccess } from './access/meeting-access.decorators';
import { ListMeetingsQueryDto, MeetingIdParamDto } from './dto/meetings.dto';
import { MeetingsService } from './meetings.service';

@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s meetings by start time, optionally filtered by status and time range' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListMeetingsQueryDto): Promise<MeetingResponse[]> {
    return this.meetings.list(user.id, query);
  }

  @Get(':meetingId')
  @MeetingAccess()
  @ApiOperation({ summary: 'One meeting with its agenda and documents (participants only)' })
  get(@Param() params: MeetingIdParamDto): Promise<MeetingDetailResponse> {
    return this.meetings.get(params.meetingId);
  }
}
