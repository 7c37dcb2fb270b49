import { foldQuery, SearchHitResponse, SearchQuery } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { Participant } from '../../meetings/participant.entity';
import { DocumentAccessService } from '../document-access.service';
import { DocumentVersion } from '../document-version.entity';
import { MeetingDocument } from '../meeting-document.entity';
import { DocumentPage } from './document-page.entity';
import { countOccurrences, cutSnippet } from './snippet';

interface PageRow {
  documentId: string;
  title: string;
  version: number;
  page: number;
  text: string;
  folded: string;
}

/**
 * Searches the current version of every document of the meeting the caller may see, ignoring
 * case and Vietnamese diacritics ("quyet dinh" finds "Quyết định"): the query is folded like the
 * stored copy of each page, and the snippet is cut from the original text at the same offsets.
 */
@Injectable()
export class DocumentSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccessService,
  ) {}

  async search(meetingId: string, participant: Participant, query: SearchQuery): Promise<SearchHitResponse[]> {
    const needle = foldQuery(query.q);
    const qb = this.dataSource
      .createQueryBuilder()
      .select('document.id', 'documentId')
      .addSelect('document.title', 'title')
      .addSelect('version.number', 'version')
      .addSelect('page.page', 'page')
      .addSelect('page.text', 'text')
      .addSelect('page.folded', 'folded')
      .from(DocumentPage, 'page')
      .innerJoin(DocumentVersion, 'version', 'version.id = page.versionId')
      .innerJoin(MeetingDocument, 'document', 'document.id = version.documentId')
      .where('document.meetingId = :meetingId', { meetingId })
      .andWhere('version.number = document.currentVersion')
      .andWhere('instr(page.folded, :needle) > 0', { needle })
      .orderBy('document.title', 'ASC')
      .addOrderBy('page.page', 'ASC')
      .limit(query.limit);
    const rows = await this.access.restrictToVisible(qb, 'document', participant).getRawMany<PageRow>();
    return rows.map((row) => {
      const index = row.folded.indexOf(needle);
      const { snippet, matchStart } = cutSnippet(row.text, index, needle.length);
      return {
        documentId: row.documentId,
        title: row.title,
        version: Number(row.version),
        page: Number(row.page),
        snippet,
        matchStart,
        matchLength: needle.length,
        matches: countOccurrences(row.folded, needle),
      };
    });
  }
}
