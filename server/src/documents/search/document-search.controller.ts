import type { SearchHitResponse } from '@app/shared';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { CurrentParticipant, MeetingAccess } from '../../meetings/access/meeting-access.decorators';
import type { Participant } from '../../meetings/participant.entity';
import { MeetingParamsDto, SearchQueryDto } from '../dto/documents.dto';
import { DocumentSearchService } from './document-search.service';

@Controller('meetings/:meetingId/search')
@MeetingAccess()
export class DocumentSearchController {
  constructor(private readonly search: DocumentSearchService) {}

  @Get()
  @ApiOperation({ summary: 'Full-text search of the meeting’s documents, ignoring case and Vietnamese diacritics' })
  find(
    @Param() params: MeetingParamsDto,
    @Query() query: SearchQueryDto,
    @CurrentParticipant() participant: Participant,
  ): Promise<SearchHitResponse[]> {
    return this.search.search(params.meetingId, participant, query);
  }
}
