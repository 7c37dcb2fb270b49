import type { RecordingResponse } from '@app/shared';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import * as z from 'zod';

import { sendFile } from '../../documents/files/file-sender';
import { MeetingAccess } from '../../meetings/access/meeting-access.decorators';
import { MeetingIdParamDto } from '../../meetings/dto/meetings.dto';
import { RecordingService } from './recording.service';

class RecordingParamsDto extends createZodDto(z.object({ meetingId: z.uuid(), recordingId: z.uuid() })) {}

/** Recordings of a meeting's video bridge, for its participants only (others get 404). */
@Controller('meetings/:meetingId/recordings')
@MeetingAccess()
export class RecordingsController {
  constructor(private readonly recordings: RecordingService) {}

  @Get()
  @ApiOperation({ summary: 'The recordings of the meeting, with their state' })
  list(@Param() params: MeetingIdParamDto): Promise<RecordingResponse[]> {
    return this.recordings.list(params.meetingId);
  }

  @Get(':recordingId/file')
  @ApiProduces('video/webm')
  @ApiOperation({ summary: 'A ready recording (WebM, VP8 + Opus), with Range for seeking' })
  async file(@Param() params: RecordingParamsDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const file = await this.recordings.file(params.meetingId, params.recordingId);
    await sendFile(req, res, {
      path: file.path,
      etag: `"${file.sha256}"`,
      contentType: 'video/webm',
      cacheControl: 'private, no-cache',
      disposition: { type: 'inline', fileName: `ghi-hinh-${downloadStamp(file.startedAt)}.webm` },
    });
  }
}

/** `2026-11-30_08-15` (UTC): a file name without colons. */
export function downloadStamp(at: Date): string {
  return at.toISOString().slice(0, 16).replace('T', '_').replace(':', '-');
}
