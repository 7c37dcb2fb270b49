import type { DocumentDetailResponse, DocumentResponse } from '@app/shared';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';

import { AuthUser, clientIp } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { CurrentParticipant, MeetingAccess } from '../meetings/access/meeting-access.decorators';
import type { Participant } from '../meetings/participant.entity';
import { DocumentsService } from './documents.service';
import { DocumentParamsDto, MeetingParamsDto, UpdateDocumentDto } from './dto/documents.dto';
import { DocumentsUploadService } from './upload/documents-upload.service';
import { MultipartUploadReader } from './upload/multipart-upload.reader';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary' },
      title: { type: 'string' },
      agendaItemId: { type: 'string', format: 'uuid' },
      visibility: { type: 'string', enum: ['all', 'named'] },
      readerIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
      confidential: { type: 'boolean' },
    },
  },
};

@Controller('meetings/:meetingId/documents')
@MeetingAccess()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly uploads: DocumentsUploadService,
    private readonly reader: MultipartUploadReader,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The meeting’s documents the caller may see' })
  list(@Param() params: MeetingParamsDto, @CurrentParticipant() participant: Participant): Promise<DocumentResponse[]> {
    return this.documents.list(params.meetingId, participant);
  }

  @Post()
  @MeetingAccess('chair', 'secretary')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: 'Upload a document (PDF or Office); answers at once, processing goes on in the background' })
  async upload(
    @Param() params: MeetingParamsDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ): Promise<DocumentDetailResponse> {
    const upload = await this.reader.receive(req);
    return this.uploads.createDocument(params.meetingId, participant, user, upload, clientIp(req));
  }

  @Get(':documentId')
  @ApiOperation({ summary: 'One document with its versions and their processing state' })
  get(
    @Param() params: DocumentParamsDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<DocumentDetailResponse> {
    return this.documents.get(params.meetingId, params.documentId, participant);
  }

  @Post(':documentId/versions')
  @MeetingAccess('chair', 'secretary')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Upload a new version; earlier versions are kept' })
  async addVersion(
    @Param() params: DocumentParamsDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ): Promise<DocumentDetailResponse> {
    const upload = await this.reader.receive(req);
    return this.uploads.addVersion(params.meetingId, params.documentId, participant, user, upload, clientIp(req));
  }

  @Patch(':documentId')
  @MeetingAccess('chair', 'secretary')
  @ApiOperation({ summary: 'Change title, agenda item, visibility, readers or confidentiality' })
  update(
    @Param() params: DocumentParamsDto,
    @Body() body: UpdateDocumentDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ): Promise<DocumentDetailResponse> {
    return this.documents.update(params.meetingId, params.documentId, participant, user, body, clientIp(req));
  }

  @Delete(':documentId')
  @HttpCode(204)
  @MeetingAccess('chair', 'secretary')
  @ApiOperation({ summary: 'Delete a document with all its versions, receipts and notes' })
  async remove(
    @Param() params: DocumentParamsDto,
    @CurrentParticipant() participant: Participant,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
  ): Promise<void> {
    await this.documents.remove(params.meetingId, params.documentId, participant, user, clientIp(req));
  }
}
