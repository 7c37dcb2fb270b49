import type { RatingResponse, RatingSummaryResponse } from '@app/shared';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { MeetingAccess, ORGANISER_ROLES } from '../meetings/access/meeting-access.decorators';
import { MeetingIdParamDto } from '../meetings/dto/meetings.dto';
import { RateMeetingDto } from './satisfaction.dto';
import { SatisfactionService } from './satisfaction.service';

@Controller('meetings/:meetingId')
@MeetingAccess()
export class SatisfactionController {
  constructor(private readonly satisfaction: SatisfactionService) {}

  @Post('rating')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate a closed meeting 1–5 with a comment (any participant; again replaces it)' })
  rate(
    @Param() params: MeetingIdParamDto,
    @Body() body: RateMeetingDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RatingResponse> {
    return this.satisfaction.rate(params.meetingId, user, body);
  }

  @Get('rating')
  @ApiOperation({ summary: 'My rating of the meeting (404 when I have not rated it)' })
  mine(@Param() params: MeetingIdParamDto, @CurrentUser() user: AuthUser): Promise<RatingResponse> {
    return this.satisfaction.mine(params.meetingId, user);
  }

  @Get('ratings/summary')
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Count, average, distribution and the comments, without names (chair, secretary)' })
  summary(@Param() params: MeetingIdParamDto): Promise<RatingSummaryResponse> {
    return this.satisfaction.summary(params.meetingId);
  }
}
