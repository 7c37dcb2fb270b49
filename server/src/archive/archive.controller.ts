import type { ArchiveJobResponse } from '@app/shared';
import { Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import * as z from 'zod';

import { AuthenticatedRequest, AuthUser, clientIp } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { MeetingAccess, ORGANISER_ROLES } from '../meetings/access/meeting-access.decorators';
import { MeetingIdParamDto } from '../meetings/dto/meetings.dto';
import { ArchiveService } from './archive.service';

class ArchiveJobParamsDto extends createZodDto(z.object({ meetingId: z.uuid(), jobId: z.uuid() })) {}

@Controller('meetings/:meetingId/archive')
@MeetingAccess(...ORGANISER_ROLES)
export class ArchiveController {
  constructor(private readonly archives: ArchiveService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start building the archive ZIP of a closed or archived meeting (chair, secretary)' })
  start(
    @Param() params: MeetingIdParamDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<ArchiveJobResponse> {
    return this.archives.start(params.meetingId, user, clientIp(req));
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'Progress of an archive job' })
  get(@Param() params: ArchiveJobParamsDto): Promise<ArchiveJobResponse> {
    return this.archives.get(params.meetingId, params.jobId);
  }

  @Get(':jobId/download')
  @ApiOperation({
    summary:
      'The finished ZIP: documents (every version), agenda, participants, minutes, recordings, manifest with SHA-256',
  })
  async download(
    @Param() params: ArchiveJobParamsDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.archives.download(params.meetingId, params.jobId, user, clientIp(req));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.stream, {
      type: 'application/zip',
      length: file.sizeBytes,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
