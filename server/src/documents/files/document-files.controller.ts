import type { ReadReceiptResponse } from '@app/shared';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/auth.decorators';
import { CurrentParticipant, MeetingAccess } from '../../meetings/access/meeting-access.decorators';
import type { Participant } from '../../meetings/participant.entity';
import { DocumentFileQueryDto, DocumentParamsDto, ThumbnailParamsDto } from '../dto/documents.dto';
import { DocumentFilesService } from './document-files.service';

@Controller('meetings/:meetingId/documents/:documentId')
@MeetingAccess()
export class DocumentFilesController {
  constructor(private readonly files: DocumentFilesService) {}

  @Get('file')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The linearized PDF (Range, ETag); stamped for the reader when confidential; records a read receipt',
  })
  async file(
    @Param() params: DocumentParamsDto,
    @Query() query: DocumentFileQueryDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.files.sendDocument(req, res, params.meetingId, params.documentId, participant, user, query);
  }

  @Get('versions/:version/pages/:page/thumbnail')
  @ApiProduces('image/png')
  @ApiOperation({
    summary: 'A page thumbnail (PNG) of a ready version; rendered from the reader’s stamped copy when confidential',
  })
  async thumbnail(
    @Param() params: ThumbnailParamsDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.files.sendThumbnail(
      req,
      res,
      params.meetingId,
      params.documentId,
      participant,
      user,
      params.version,
      params.page,
    );
  }

  @Get('receipts')
  @MeetingAccess('chair', 'secretary')
  @ApiOperation({ summary: 'Who opened which version, first and last time (chair and secretary)' })
  receipts(
    @Param() params: DocumentParamsDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<ReadReceiptResponse[]> {
    return this.files.listReceipts(params.meetingId, params.documentId, participant);
  }
}
