import { mkdir, rename, rm } from 'node:fs/promises';

import { DocumentDetailResponse, UploadDocumentFieldsSchema } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import * as z from 'zod';

import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictError, UnsupportedMediaTypeError, ValidationError } from '../../common/errors/domain-errors';
import type { Participant } from '../../meetings/participant.entity';
import { DocumentAccessService } from '../document-access.service';
import { DocumentReader } from '../document-reader.entity';
import { checkReferences } from '../document-references';
import { DocumentVersion } from '../document-version.entity';
import { DocumentsService } from '../documents.service';
import { DetectedType, IngestError } from '../ingest/ingest.types';
import { MeetingDocument } from '../meeting-document.entity';
import { DocumentIngester } from '../processing/document-ingester';
import { DocumentProcessingService } from '../processing/document-processing.service';
import { DocumentStorage, VersionRef } from '../storage/document-storage';
import { titleFromFileName } from './file-name';
import { FILE_FIELD, ReceivedUpload } from './multipart-upload.reader';

type UploadedFile = NonNullable<ReceivedUpload['file']>;

const NoFieldsSchema = z.object({}).strict();

/**
 * Accepts uploads: checks the fields, detects the type from the bytes (never the name or the claimed
 * Content-Type), stores the file by ids as a new version in state `processing` and queues its ingest.
 * The temp file is always removed, whatever happens.
 */
@Injectable()
export class DocumentsUploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    private readonly ingester: DocumentIngester,
    private readonly processing: DocumentProcessingService,
    private readonly access: DocumentAccessService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
  ) {}

  async createDocument(
    meetingId: string,
    participant: Participant,
    user: AuthUser,
    upload: ReceivedUpload,
    ip: string,
  ): Promise<DocumentDetailResponse> {
    try {
      const fields = UploadDocumentFieldsSchema.parse(upload.fields);
      const file = requireFile(upload);
      const detected = await this.detect(file);
      let versionId = '';
      let documentId = '';
      await this.inTransaction(async (manager, created) => {
        await checkReferences(manager, meetingId, fields);
        const document = await manager.save(
          manager.create(MeetingDocument, {
            meetingId,
            agendaItemId: fields.agendaItemId ?? null,
            title: fields.title ?? titleFromFileName(file.fileName).slice(0, 300),
            fileName: file.fileName,
            sizeBytes: file.size,
            pageCount: 0,
            visibility: fields.visibility,
            confidential: fields.confidential,
            currentVersion: null,
            latestVersion: 1,
            createdById: user.id,
          }),
        );
        documentId = document.id;
        const readerIds = [...new Set(fields.readerIds)];
        if (readerIds.length) {
          await manager.insert(
            DocumentReader,
            readerIds.map((userId) => ({ documentId, userId })),
          );
        }
        versionId = await this.storeVersion(manager, document, 1, file, detected, user, created);
        await this.audit.record(
          {
            action: 'document.uploaded',
            actor: user,
            meetingId,
            subjectId: documentId,
            ip,
            details: {
              title: document.title,
              fileName: file.fileName,
              sizeBytes: file.size,
              sha256: file.sha256,
              sourceKind: detected.kind,
              visibility: document.visibility,
              readerIds,
              confidential: document.confidential,
            },
          },
          manager,
        );
      });
      this.processing.enqueue(versionId);
      return await this.documents.get(meetingId, documentId, participant);
    } finally {
      await upload.discard();
    }
  }

  async addVersion(
    meetingId: string,
    documentId: string,
    participant: Participant,
    user: AuthUser,
    upload: ReceivedUpload,
    ip: string,
  ): Promise<DocumentDetailResponse> {
    try {
      await this.access.findVisible(meetingId, documentId, participant);
      NoFieldsSchema.parse(upload.fields);
      const file = requireFile(upload);
      const detected = await this.detect(file);
      let versionId = '';
      try {
        await this.inTransaction(async (manager, created) => {
          const document = await manager.findOneByOrFail(MeetingDocument, { id: documentId });
          const number = document.latestVersion + 1;
          await manager.update(MeetingDocument, { id: documentId }, { latestVersion: number });
          versionId = await this.storeVersion(manager, document, number, file, detected, user, created);
          await this.audit.record(
            {
              action: 'document.version_added',
              actor: user,
              meetingId,
              subjectId: documentId,
              ip,
              details: { version: number, fileName: file.fileName, sizeBytes: file.size, sha256: file.sha256 },
            },
            manager,
          );
        });
      } catch (error) {
        if (error instanceof QueryFailedError && /UNIQUE/i.test(error.message)) {
          throw new ConflictError(
            'Một phiên bản khác đang được tải lên; hãy thử lại / Another version is being uploaded; try again',
          );
        }
        throw error;
      }
      this.processing.enqueue(versionId);
      return await this.documents.get(meetingId, documentId, participant);
    } finally {
      await upload.discard();
    }
  }

  /** A transaction that also removes the version folders it created if it does not commit. */
  private async inTransaction(work: (manager: EntityManager, created: string[]) => Promise<void>): Promise<void> {
    const created: string[] = [];
    try {
      await this.dataSource.transaction((manager) => work(manager, created));
    } catch (error) {
      await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
      throw error;
    }
  }

  /** Refuses what cannot be a document before anything is stored: empty files, other types, ZIP bombs. */
  private async detect(file: UploadedFile): Promise<DetectedType> {
    if (file.size === 0) {
      throw new ValidationError('Tệp rỗng (0 byte) / The file is empty (0 bytes)', [
        { path: FILE_FIELD, message: 'empty' },
      ]);
    }
    try {
      return await this.ingester.detect(file.path);
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      const fieldErrors = [{ path: FILE_FIELD, message: error.reason }];
      if (error.reason === 'unsupported_type') throw new UnsupportedMediaTypeError(error.message, fieldErrors);
      throw new ValidationError(error.message, fieldErrors);
    }
  }

  /**
   * Inserts the version row and moves the upload to `v<N>/source.<kind>` inside the transaction: if
   * the move fails nothing is recorded; if the commit fails the folder is removed (inTransaction).
   */
  private async storeVersion(
    manager: EntityManager,
    document: MeetingDocument,
    number: number,
    file: UploadedFile,
    detected: DetectedType,
    user: AuthUser,
    created: string[],
  ): Promise<string> {
    const version = await manager.save(
      manager.create(DocumentVersion, {
        documentId: document.id,
        number,
        status: 'processing',
        stage: 'queued',
        progress: 0,
        sourceKind: detected.kind,
        mimeType: detected.mimeType,
        fileName: file.fileName,
        sizeBytes: file.size,
        sha256: file.sha256,
        uploadedById: user.id,
      }),
    );
    const ref: VersionRef = { meetingId: document.meetingId, documentId: document.id, number };
    const dir = this.storage.versionDir(ref);
    await mkdir(dir, { recursive: true });
    created.push(dir);
    await rename(file.path, this.storage.sourcePath(ref, detected.kind));
    return version.id;
  }
}

function requireFile(upload: ReceivedUpload): UploadedFile {
  if (!upload.file) {
    throw new ValidationError(`Chưa chọn tệp / No file was sent (field "${FILE_FIELD}")`, [
      { path: FILE_FIELD, message: 'Required' },
    ]);
  }
  return upload.file;
}
