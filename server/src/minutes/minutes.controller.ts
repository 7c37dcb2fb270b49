import type { MinutesResponse } from '@app/shared';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';

import { AuthenticatedRequest, AuthUser, clientIp } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { CurrentParticipant, MeetingAccess, ORGANISER_ROLES } from '../meetings/access/meeting-access.decorators';
import { MeetingIdParamDto } from '../meetings/dto/meetings.dto';
import type { Participant } from '../meetings/participant.entity';
import { FinalizeMinutesDto, UpdateMinutesDto } from './minutes.dto';
import { MinutesService } from './minutes.service';

@Controller('meetings/:meetingId')
@MeetingAccess()
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Get('minutes')
  @ApiOperation({ summary: 'The minutes: organisers always, other participants once final' })
  get(@Param() params: MeetingIdParamDto, @CurrentParticipant() participant: Participant): Promise<MinutesResponse> {
    return this.minutes.get(params.meetingId, participant);
  }

  @Post('minutes/draft')
  @HttpCode(200)
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Draft the minutes from the meeting records (live or closed meeting; replaces a draft)' })
  draft(
    @Param() params: MeetingIdParamDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<MinutesResponse> {
    return this.minutes.generateDraft(params.meetingId, user, clientIp(req));
  }

  @Put('minutes')
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Save the edited text; 409 when `version` is not the current one' })
  update(
    @Param() params: MeetingIdParamDto,
    @Body() body: UpdateMinutesDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<MinutesResponse> {
    return this.minutes.update(params.meetingId, body, user, clientIp(req));
  }

  @Post('minutes/finalize')
  @HttpCode(200)
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Finalize the minutes of a closed meeting: read-only, readable by every participant' })
  finalize(
    @Param() params: MeetingIdParamDto,
    @Body() body: FinalizeMinutesDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<MinutesResponse> {
    return this.minutes.finalize(params.meetingId, body, user, clientIp(req));
  }

  @Get('minutes.pdf')
  @ApiOperation({ summary: 'The minutes as an A4 PDF with embedded Vietnamese fonts' })
  async pdf(
    @Param() params: MeetingIdParamDto,
    @CurrentParticipant() participant: Participant,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.minutes.pdf(params.meetingId, participant);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.bytes, {
      type: 'application/pdf',
      length: file.bytes.length,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
