import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

import { DocumentFailureReason, foldText, normalizeText } from '@app/shared';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';

import { Participant } from '../../meetings/participant.entity';
import { NotificationsService } from '../../notifications/notifications.service';
import { isOrganiser } from '../document-access.service';
import { DocumentReader } from '../document-reader.entity';
import { DocumentVersion } from '../document-version.entity';
import type { IngestResult } from '../ingest/ingest.types';
import { MeetingDocument } from '../meeting-document.entity';
import { DocumentPage } from '../search/document-page.entity';
import { DocumentStorage, sha256File, VersionRef } from '../storage/document-storage';

/** sqlite allows 999 bound variables per statement; a page row has 4. */
const PAGE_ROWS_PER_INSERT = 200;

/** Writes what processing found out: progress while it runs, then `ready` (files, text) or `failed`. */
@Injectable()
export class VersionOutcomeService {
  private readonly logger = new Logger(VersionOutcomeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    @InjectRepository(DocumentVersion) private readonly versions: Repository<DocumentVersion>,
    @Optional() private readonly notifications?: NotificationsService,
  ) {}

  async progress(versionId: string, stage: DocumentVersion['stage'], progress: number): Promise<void> {
    await this.versions.update({ id: versionId, status: 'processing' }, { stage, progress });
  }

  async failed(versionId: string, reason: DocumentFailureReason, message: string): Promise<void> {
    await this.versions.update(
      { id: versionId, status: 'processing' },
      { status: 'failed', failureReason: reason, failureMessage: message.slice(0, 500) },
    );
  }

  /**
   * Moves the ingest output to its place, stores page texts with their folded copies and marks the
   * version ready; it becomes the document's current version unless a newer one already is.
   * Returns false when the version was deleted (or settled) meanwhile.
   */
  async ready(version: DocumentVersion, ref: VersionRef, result: IngestResult): Promise<boolean> {
    const pdfPath = this.storage.pdfPath(ref);
    await rename(result.pdfPath, pdfPath);
    if (result.thumbnailPaths.length) await mkdir(dirname(this.storage.thumbnailPath(ref, 1)), { recursive: true });
    for (const [index, path] of result.thumbnailPaths.entries()) {
      await rename(path, this.storage.thumbnailPath(ref, index + 1));
    }
    const pdf = await sha256File(pdfPath);
    const pages = result.pageTexts.map((raw, index) => {
      const text = normalizeText(raw);
      return { versionId: version.id, page: index + 1, text, folded: foldText(text) };
    });
    // Pages first (many statements, outside any transaction: the version is not `ready` yet, so no
    // reader sees them); then `ready` and the document's pointer in one transaction (sqlite access
    // is serialised, see serialized-access.ts), so that no reader sees a ready version the document
    // does not point at yet.
    const current = await this.versions.findOneBy({ id: version.id });
    if (current?.status !== 'processing') return false;
    const pagesRepo = this.dataSource.getRepository(DocumentPage);
    await pagesRepo.delete({ versionId: version.id });
    for (let i = 0; i < pages.length; i += PAGE_ROWS_PER_INSERT) {
      await pagesRepo.insert(pages.slice(i, i + PAGE_ROWS_PER_INSERT));
    }
    const marked = await this.dataSource.transaction(async (manager) => {
      const update = await manager.update(
        DocumentVersion,
        { id: version.id, status: 'processing' },
        {
          status: 'ready',
          stage: 'done',
          progress: 100,
          pageCount: result.pageCount,
          pdfSizeBytes: pdf.size,
          pdfSha256: pdf.sha256,
          fastOpen: result.fastOpen,
          readyAt: new Date(),
        },
      );
      if (update.affected) await this.promote(version.documentId, version.number, manager);
      return !!update.affected;
    });
    if (!marked) return false;
    await this.notifyReaders(version).catch((error) => this.logger.warn(`notify: ${String(error)}`));
    return true;
  }

  /** Makes a ready version the document's current one unless a newer one already is (one statement). */
  async promote(documentId: string, number: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(MeetingDocument)
      .set({
        currentVersion: number,
        pageCount: () =>
          `(SELECT v.pageCount FROM document_versions v WHERE v.documentId = :documentId AND v.number = :number)`,
        sizeBytes: () =>
          `(SELECT v.pdfSizeBytes FROM document_versions v WHERE v.documentId = :documentId AND v.number = :number)`,
        fileName: () =>
          `(SELECT v.fileName FROM document_versions v WHERE v.documentId = :documentId AND v.number = :number)`,
      })
      .where('id = :documentId AND (currentVersion IS NULL OR currentVersion < :number)', { documentId, number })
      .execute();
  }

  /** Boot: points documents at ready versions newer than their current one (a stop between the two writes). */
  async repairCurrentVersions(): Promise<void> {
    const stale = await this.versions
      .createQueryBuilder('version')
      .innerJoin(MeetingDocument, 'document', 'document.id = version.documentId')
      .where("version.status = 'ready'")
      .andWhere('(document.currentVersion IS NULL OR document.currentVersion < version.number)')
      .getMany();
    for (const version of stale) await this.promote(version.documentId, version.number);
  }

  /**
   * Tells the people who can read it that a document or a new version is there to read. Documents
   * without an uploader (the demo seed, imports) announce nothing.
   */
  private async notifyReaders(version: DocumentVersion): Promise<void> {
    if (!this.notifications || !version.uploadedById) return;
    const document = await this.dataSource.getRepository(MeetingDocument).findOneBy({ id: version.documentId });
    if (!document) return;
    const participants = await this.dataSource.getRepository(Participant).findBy({ meetingId: document.meetingId });
    let readers = participants;
    if (document.visibility === 'named') {
      const named = await this.dataSource.getRepository(DocumentReader).findBy({
        documentId: document.id,
        userId: In(participants.map((p) => p.userId)),
      });
      const namedIds = new Set(named.map((r) => r.userId));
      readers = participants.filter((p) => isOrganiser(p) || namedIds.has(p.userId));
    }
    const recipients = readers.map((p) => p.userId).filter((id) => id !== version.uploadedById);
    const first = version.number === 1;
    await this.notifications.notify(recipients, {
      kind: first ? 'document_added' : 'document_version_added',
      meetingId: document.meetingId,
      title: first ? `Tài liệu mới: ${document.title}` : `Phiên bản mới (bản ${version.number}): ${document.title}`,
      body: first
        ? `Tài liệu "${document.title}" đã sẵn sàng để đọc. / The document "${document.title}" is ready to read.`
        : `Tài liệu "${document.title}" có phiên bản ${version.number}. / Version ${version.number} of "${document.title}" is available.`,
    });
  }
}
