import type { MeetingDetailResponse, MeetingResponse } from '@app/shared';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { ListMeetingsQueryDto, MeetingIdParamDto } from './dto/meetings.dto';
import { MeetingsService } from './meetings.service';

@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ApiOperation({ summary: 'Meetings ordered by start time, optionally filtered by status and time range' })
  list(@Query() query: ListMeetingsQueryDto): Promise<MeetingResponse[]> {
    return this.meetings.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One meeting with its agenda and documents' })
  get(@Param() params: MeetingIdParamDto): Promise<MeetingDetailResponse> {
    return this.meetings.get(params.id);
  }
}
