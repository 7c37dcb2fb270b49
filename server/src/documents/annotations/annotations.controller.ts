import type { AnnotationResponse } from '@app/shared';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/auth.decorators';
import { CurrentParticipant, MeetingAccess } from '../../meetings/access/meeting-access.decorators';
import type { Participant } from '../../meetings/participant.entity';
import {
  AnnotationParamsDto,
  CreateAnnotationDto,
  DocumentFileQueryDto,
  DocumentParamsDto,
  UpdateAnnotationDto,
} from '../dto/documents.dto';
import { AnnotationsService } from './annotations.service';

@Controller('meetings/:meetingId/documents/:documentId')
@MeetingAccess()
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @Get('annotations')
  @ApiOperation({ summary: 'The caller’s own notes and highlights on a document' })
  list(
    @Param() params: DocumentParamsDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<AnnotationResponse[]> {
    return this.annotations.list(params.meetingId, params.documentId, participant);
  }

  @Post('annotations')
  @ApiOperation({ summary: 'Add a private note or highlight' })
  create(
    @Param() params: DocumentParamsDto,
    @Body() body: CreateAnnotationDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<AnnotationResponse> {
    return this.annotations.create(params.meetingId, params.documentId, participant, body);
  }

  @Patch('annotations/:annotationId')
  @ApiOperation({ summary: 'Change one of the caller’s notes or highlights' })
  update(
    @Param() params: AnnotationParamsDto,
    @Body() body: UpdateAnnotationDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<AnnotationResponse> {
    return this.annotations.update(params.meetingId, params.documentId, params.annotationId, participant, body);
  }

  @Delete('annotations/:annotationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of the caller’s notes or highlights' })
  async remove(@Param() params: AnnotationParamsDto, @CurrentParticipant() participant: Participant): Promise<void> {
    await this.annotations.remove(params.meetingId, params.documentId, params.annotationId, participant);
  }

  @Get('my-copy')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The caller’s copy of the PDF with their notes and highlights drawn in' })
  async myCopy(
    @Param() params: DocumentParamsDto,
    @Query() query: DocumentFileQueryDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.annotations.sendMyCopy(req, res, params.meetingId, params.documentId, participant, user, query);
  }
}
