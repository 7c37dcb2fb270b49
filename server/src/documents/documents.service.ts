import type { DocumentDetailResponse, DocumentResponse, UpdateDocumentRequest } from '@app/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';

import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import type { Participant } from '../meetings/participant.entity';
import { DocumentAccessService, isOrganiser } from './document-access.service';
import { DocumentReader } from './document-reader.entity';
import { checkReferences } from './document-references';
import { DocumentVersion } from './document-version.entity';
import { mapDocument, mapDocumentDetail } from './documents.mapper';
import { ReadReceipt } from './files/read-receipt.entity';
import { MeetingDocument } from './meeting-document.entity';
import { DocumentProcessingService } from './processing/document-processing.service';
import { DocumentStorage } from './storage/document-storage';

/** Reading, changing and deleting documents; uploads live in DocumentsUploadService. */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccessService,
    private readonly audit: AuditService,
    private readonly storage: DocumentStorage,
    private readonly processing: DocumentProcessingService,
    @InjectRepository(MeetingDocument) private readonly documents: Repository<MeetingDocument>,
    @InjectRepository(DocumentVersion) private readonly versions: Repository<DocumentVersion>,
    @InjectRepository(DocumentReader) private readonly readers: Repository<DocumentReader>,
    @InjectRepository(ReadReceipt) private readonly receipts: Repository<ReadReceipt>,
  ) {}

  async list(meetingId: string, participant: Participant): Promise<DocumentResponse[]> {
    const qb = this.documents
      .createQueryBuilder('document')
      .leftJoin('document.agendaItem', 'agendaItem')
      .where('document.meetingId = :meetingId', { meetingId })
      .orderBy('agendaItem.position IS NULL', 'ASC')
      .addOrderBy('agendaItem.position', 'ASC')
      .addOrderBy('document.createdAt', 'ASC');
    const documents = await this.access.restrictToVisible(qb, 'document', participant).getMany();
    if (!documents.length) return [];
    const ids = documents.map((d) => d.id);
    const organiser = isOrganiser(participant);
    const [versions, readers, lastOpened] = await Promise.all([
      this.versions.findBy({ documentId: In(ids) }),
      organiser ? this.readers.findBy({ documentId: In(ids) }) : Promise.resolve([]),
      this.lastOpenedVersions(participant.userId, ids),
    ]);
    return documents.map((document) => {
      const own = versions.filter((v) => v.documentId === document.id);
      return mapDocument({
        document,
        latest: this.latestFor(document, own, organiser),
        current: own.find((v) => v.number === document.currentVersion) ?? null,
        readerIds: organiser ? readers.filter((r) => r.documentId === document.id).map((r) => r.userId) : null,
        lastOpenedVersion: lastOpened.get(document.id) ?? null,
      });
    });
  }

  async get(meetingId: string, documentId: string, participant: Participant): Promise<DocumentDetailResponse> {
    // Versions before the document: a version turns ready in the same transaction that points the
    // document at it (VersionOutcomeService.ready), so a version read as ready here is one the
    // document read next already points at. (The other way round, a version could finish in
    // between: ready, yet not the document's current one.)
    const allVersions = await this.versions.findBy({ documentId });
    const document = await this.access.findVisible(meetingId, documentId, participant);
    const organiser = isOrganiser(participant);
    const [readers, lastOpened] = await Promise.all([
      organiser ? this.readers.findBy({ documentId }) : Promise.resolve([]),
      this.lastOpenedVersions(participant.userId, [documentId]),
    ]);
    const versions = organiser ? allVersions : allVersions.filter((v) => v.status === 'ready');
    return mapDocumentDetail(
      {
        document,
        latest: this.latestFor(document, allVersions, organiser),
        current: allVersions.find((v) => v.number === document.currentVersion) ?? null,
        readerIds: organiser ? readers.map((r) => r.userId) : null,
        lastOpenedVersion: lastOpened.get(documentId) ?? null,
      },
      versions,
    );
  }

  async update(
    meetingId: string,
    documentId: string,
    participant: Participant,
    user: AuthUser,
    body: UpdateDocumentRequest,
    ip: string,
  ): Promise<DocumentDetailResponse> {
    await this.dataSource.transaction(async (manager) => {
      const document = await this.access.findVisible(meetingId, documentId, participant);
      await checkReferences(manager, meetingId, body);
      const before = {
        title: document.title,
        agendaItemId: document.agendaItemId,
        visibility: document.visibility,
        confidential: document.confidential,
        readerIds: (await manager.findBy(DocumentReader, { documentId })).map((r) => r.userId).sort(),
      };
      const after = {
        title: body.title ?? before.title,
        agendaItemId: body.agendaItemId === undefined ? before.agendaItemId : body.agendaItemId,
        visibility: body.visibility ?? before.visibility,
        confidential: body.confidential ?? before.confidential,
        readerIds: body.readerIds ? [...new Set(body.readerIds)].sort() : before.readerIds,
      };
      await manager.update(
        MeetingDocument,
        { id: documentId },
        {
          title: after.title,
          agendaItemId: after.agendaItemId,
          visibility: after.visibility,
          confidential: after.confidential,
        },
      );
      if (body.readerIds) {
        await manager.delete(DocumentReader, { documentId });
        if (after.readerIds.length) {
          await manager.insert(
            DocumentReader,
            after.readerIds.map((userId) => ({ documentId, userId })),
          );
        }
      }
      const event = { actor: user, meetingId, subjectId: documentId, ip };
      if (before.title !== after.title || before.agendaItemId !== after.agendaItemId) {
        await this.audit.record(
          { ...event, action: 'document.updated', details: changes(before, after, ['title', 'agendaItemId']) },
          manager,
        );
      }
      const accessFields = ['visibility', 'confidential', 'readerIds'] as const;
      if (accessFields.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))) {
        await this.audit.record(
          { ...event, action: 'document.access_changed', details: changes(before, after, accessFields) },
          manager,
        );
      }
    });
    return this.get(meetingId, documentId, participant);
  }

  /** Deletes the document with every version, text, receipt and note, then its files. */
  async remove(meetingId: string, documentId: string, participant: Participant, user: AuthUser, ip: string) {
    const document = await this.access.findVisible(meetingId, documentId, participant);
    await this.processing.cancelDocument(documentId);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(MeetingDocument, { id: documentId });
      await this.audit.record(
        {
          action: 'document.deleted',
          actor: user,
          meetingId,
          subjectId: documentId,
          ip,
          details: { title: document.title, versions: document.latestVersion },
        },
        manager,
      );
    });
    await this.storage
      .removeDocument(meetingId, documentId)
      .catch((error) => this.logger.warn(`Files of deleted document ${documentId} left behind: ${String(error)}`));
  }

  /** What the caller's `status` reflects: organisers follow the newest upload, readers the version they can read. */
  private latestFor(document: MeetingDocument, versions: DocumentVersion[], organiser: boolean) {
    const wanted = organiser ? document.latestVersion : document.currentVersion;
    return versions.find((v) => v.number === wanted) ?? null;
  }

  private async lastOpenedVersions(userId: string, documentIds: string[]): Promise<Map<string, number>> {
    const rows = await this.receipts
      .createQueryBuilder('receipt')
      .select('receipt.documentId', 'documentId')
      .addSelect('MAX(receipt.version)', 'version')
      .where('receipt.userId = :userId AND receipt.documentId IN (:...documentIds)', { userId, documentIds })
      .groupBy('receipt.documentId')
      .getRawMany<{ documentId: string; version: number }>();
    return new Map(rows.map((row) => [row.documentId, Number(row.version)]));
  }
}

function changes<T extends Record<string, unknown>>(before: T, after: T, keys: readonly (keyof T)[]) {
  const result: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      result[key as string] = { from: before[key], to: after[key] };
    }
  }
  return result;
}
