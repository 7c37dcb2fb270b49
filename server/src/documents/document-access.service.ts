import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';

import { NotFoundError } from '../common/errors/domain-errors';
import { ORGANISER_ROLES } from '../meetings/access/meeting-access.decorators';
import type { Participant } from '../meetings/participant.entity';
import { DocumentVersion } from './document-version.entity';
import { MeetingDocument } from './meeting-document.entity';

export function isOrganiser(participant: Pick<Participant, 'meetingRole'>): boolean {
  return ORGANISER_ROLES.includes(participant.meetingRole);
}

export function documentNotFound(documentId: string): NotFoundError {
  return new NotFoundError(`Không tìm thấy tài liệu / Document ${documentId} not found`);
}

/**
 * Who may see a document: the chair and the secretary always; other participants only once a
 * version is ready, and for `named` documents only the named readers. Everyone else gets 404, as
 * if it did not exist — for the document, its files, thumbnails, search hits and notes alike.
 */
@Injectable()
export class DocumentAccessService {
  constructor(
    @InjectRepository(MeetingDocument) private readonly documents: Repository<MeetingDocument>,
    @InjectRepository(DocumentVersion) private readonly versions: Repository<DocumentVersion>,
  ) {}

  /** Restricts a query on documents (aliased `alias`) to those the participant may see. */
  restrictToVisible<T extends object>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    participant: Participant,
  ): SelectQueryBuilder<T> {
    if (isOrganiser(participant)) return qb;
    return qb.andWhere(
      `${alias}.currentVersion IS NOT NULL AND (${alias}.visibility = 'all' OR EXISTS (SELECT 1 FROM document_readers r WHERE r.documentId = ${alias}.id AND r.userId = :accessUserId))`,
      { accessUserId: participant.userId },
    );
  }

  async findVisible(meetingId: string, documentId: string, participant: Participant): Promise<MeetingDocument> {
    const qb = this.documents
      .createQueryBuilder('document')
      .where('document.id = :documentId AND document.meetingId = :meetingId', { documentId, meetingId });
    const document = await this.restrictToVisible(qb, 'document', participant).getOne();
    if (!document) throw documentNotFound(documentId);
    return document;
  }

  /** A version of a visible document; readers only reach ready ones. */
  async findVersion(document: MeetingDocument, number: number, participant: Participant): Promise<DocumentVersion> {
    const version = await this.versions.findOneBy({ documentId: document.id, number });
    if (!version || (!isOrganiser(participant) && version.status !== 'ready')) {
      throw new NotFoundError(
        `Không tìm thấy phiên bản ${number} của tài liệu / Version ${number} of document ${document.id} not found`,
      );
    }
    return version;
  }
}
