import { CONFIDENTIAL_HEADER, DocumentFileQuery, ReadReceiptResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';

import type { AuthUser } from '../../auth/auth-user';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import type { Participant } from '../../meetings/participant.entity';
import { User } from '../../people/user.entity';
import { DocumentAccessService, isOrganiser } from '../document-access.service';
import { DocumentVersion } from '../document-version.entity';
import { MeetingDocument } from '../meeting-document.entity';
import type { WatermarkStamp } from '../pdf/watermark';
import { DocumentStorage, VersionRef } from '../storage/document-storage';
import { sendFile, SendableFile } from './file-sender';
import { ReadReceiptsService } from './read-receipts.service';
import { StampedCopyService } from './stamped-copy.service';

/** Revalidate every time: access can be withdrawn and a new version can appear. */
const FILE_CACHE = 'private, no-cache';
/** A thumbnail of a version never changes. */
const THUMBNAIL_CACHE = 'private, max-age=86400';
/**
 * The same thumbnail URL gives each reader of a confidential document their own image, and a
 * tablet in the meeting room is shared by its users: the browser must ask every time (the ETag
 * makes that a 304) instead of showing the image cached for whoever used it before.
 */
const CONFIDENTIAL_THUMBNAIL_CACHE = FILE_CACHE;

export interface ResolvedVersion {
  document: MeetingDocument;
  version: DocumentVersion;
  ref: VersionRef;
}

/** Serving the PDFs (stamped per reader when confidential) and thumbnails; recording read receipts. */
@Injectable()
export class DocumentFilesService {
  constructor(
    private readonly access: DocumentAccessService,
    private readonly storage: DocumentStorage,
    private readonly stamped: StampedCopyService,
    private readonly receipts: ReadReceiptsService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /** The visible document and a ready version of it (`version` or the current one). */
  async resolveReady(
    meetingId: string,
    documentId: string,
    participant: Participant,
    number?: number,
  ): Promise<ResolvedVersion> {
    const document = await this.access.findVisible(meetingId, documentId, participant);
    const wanted = number ?? document.currentVersion;
    if (wanted === null) {
      throw new ConflictError('Tài liệu đang được xử lý, chưa thể mở / The document is still being processed');
    }
    const version = await this.access.findVersion(document, wanted, participant);
    if (version.status === 'processing') {
      throw new ConflictError(`Phiên bản ${wanted} đang được xử lý / Version ${wanted} is still being processed`);
    }
    if (version.status === 'failed') {
      throw new ConflictError(
        `Phiên bản ${wanted} xử lý thất bại / Version ${wanted} failed: ${version.failureMessage ?? ''}`.trim(),
      );
    }
    return { document, version, ref: { meetingId, documentId, number: version.number } };
  }

  /** The PDF to read: the served copy, or for a confidential document the reader's stamped copy. */
  async readerCopy(resolved: ResolvedVersion, user: AuthUser): Promise<{ path: string; etag: string }> {
    const { document, version, ref } = resolved;
    if (!document.confidential) return { path: this.storage.pdfPath(ref), etag: `"${version.pdfSha256}"` };
    return this.stamped.get(ref, user.id, () => this.stampFor(user));
  }

  async sendDocument(
    req: Request,
    res: Response,
    meetingId: string,
    documentId: string,
    participant: Participant,
    user: AuthUser,
    query: DocumentFileQuery,
  ): Promise<void> {
    const resolved = await this.resolveReady(meetingId, documentId, participant, query.version);
    const copy = await this.readerCopy(resolved, user);
    // A viewer fetching later ranges of a file it already opened is not a new reading.
    const continuation = /^\s*bytes\s*=\s*0*[1-9]/i.test(req.get('range') ?? '');
    await this.receipts.record(resolved.version, user.id, !continuation);
    await sendFile(req, res, {
      path: copy.path,
      etag: copy.etag,
      contentType: 'application/pdf',
      cacheControl: FILE_CACHE,
      disposition: { type: 'inline', fileName: pdfFileName(resolved.version.fileName) },
      headers: resolved.document.confidential ? { [CONFIDENTIAL_HEADER]: '1' } : {},
    });
  }

  /**
   * A page thumbnail. For a confidential document the chair and the secretary, who manage it, get
   * the ingest thumbnail; everyone else one rendered from their own stamped copy, so the watermark
   * naming them shows in it too.
   */
  async sendThumbnail(
    req: Request,
    res: Response,
    meetingId: string,
    documentId: string,
    participant: Participant,
    user: AuthUser,
    number: number,
    page: number,
  ): Promise<void> {
    const resolved = await this.resolveReady(meetingId, documentId, participant, number);
    const { document, version, ref } = resolved;
    if (page > (version.pageCount ?? 0)) {
      throw new NotFoundError(`Không có trang ${page} / There is no page ${page}`);
    }
    const ingested: SendableFile = {
      path: this.storage.thumbnailPath(ref, page),
      etag: `"${version.pdfSha256?.slice(0, 40)}-p${page}"`,
      contentType: 'image/png',
      cacheControl: THUMBNAIL_CACHE,
    };
    if (!document.confidential) {
      await sendFile(req, res, ingested);
      return;
    }
    const confidential = { cacheControl: CONFIDENTIAL_THUMBNAIL_CACHE, headers: { [CONFIDENTIAL_HEADER]: '1' } };
    if (isOrganiser(participant)) {
      await sendFile(req, res, { ...ingested, ...confidential });
      return;
    }
    const copy = await this.readerCopy(resolved, user);
    const stamped = await this.stamped.thumbnail(ref, user.id, copy, page);
    await sendFile(req, res, { ...ingested, ...confidential, path: stamped.path, etag: stamped.etag });
  }

  async listReceipts(meetingId: string, documentId: string, participant: Participant): Promise<ReadReceiptResponse[]> {
    await this.access.findVisible(meetingId, documentId, participant);
    return this.receipts.list(documentId);
  }

  async stampFor(user: AuthUser): Promise<WatermarkStamp> {
    const account = await this.users.findOne({ where: { id: user.id }, relations: { unit: true } });
    return {
      readerName: account?.displayName ?? user.displayName,
      unitName: account?.unit?.name ?? null,
      issuedAt: new Date(),
    };
  }
}

/** We serve PDFs: "Tờ trình.docx" is sent as "Tờ trình.pdf". */
export function pdfFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}.pdf`;
}
