import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import {
  AnnotationResponse,
  CONFIDENTIAL_HEADER,
  CreateAnnotationRequest,
  DocumentFileQuery,
  UpdateAnnotationRequest,
} from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';

import type { AuthUser } from '../../auth/auth-user';
import { NotFoundError, ValidationError } from '../../common/errors/domain-errors';
import type { Participant } from '../../meetings/participant.entity';
import { DocumentAccessService } from '../document-access.service';
import { DocumentFilesService, pdfFileName } from '../files/document-files.service';
import { sendFile } from '../files/file-sender';
import { annotatePdf } from '../pdf/annotate';
import { dejaVuSans } from '../pdf/pdf-fonts';
import { mapAnnotation } from './annotation.mapper';
import { DocumentAnnotation } from './document-annotation.entity';

const MAX_ANNOTATIONS_PER_DOCUMENT = 2000;

function annotationNotFound(id: string): NotFoundError {
  return new NotFoundError(`Không tìm thấy ghi chú / Annotation ${id} not found`);
}

/**
 * Private notes and highlights. Every query is filtered by author: someone else's annotation
 * answers 404 exactly like a missing one, and the document must still be visible to its author.
 */
@Injectable()
export class AnnotationsService {
  constructor(
    private readonly access: DocumentAccessService,
    private readonly files: DocumentFilesService,
    @InjectRepository(DocumentAnnotation) private readonly annotations: Repository<DocumentAnnotation>,
  ) {}

  async list(meetingId: string, documentId: string, participant: Participant): Promise<AnnotationResponse[]> {
    await this.access.findVisible(meetingId, documentId, participant);
    const rows = await this.annotations.find({
      where: { documentId, authorId: participant.userId },
      order: { version: 'ASC', page: 'ASC', createdAt: 'ASC' },
    });
    return rows.map(mapAnnotation);
  }

  async create(
    meetingId: string,
    documentId: string,
    participant: Participant,
    body: CreateAnnotationRequest,
  ): Promise<AnnotationResponse> {
    const document = await this.access.findVisible(meetingId, documentId, participant);
    const version = await this.access.findVersion(document, body.version, participant);
    if (version.status !== 'ready' || body.page > (version.pageCount ?? 0)) {
      throw new ValidationError('Trang không tồn tại / No such page', [
        { path: 'page', message: `Version ${body.version} has ${version.pageCount ?? 0} pages` },
      ]);
    }
    const count = await this.annotations.countBy({ documentId, authorId: participant.userId });
    if (count >= MAX_ANNOTATIONS_PER_DOCUMENT) {
      throw new ValidationError(
        `Tối đa ${MAX_ANNOTATIONS_PER_DOCUMENT} ghi chú mỗi tài liệu / At most ${MAX_ANNOTATIONS_PER_DOCUMENT} annotations per document`,
      );
    }
    const saved = await this.annotations.save(
      this.annotations.create({
        documentId,
        authorId: participant.userId,
        kind: body.kind,
        version: body.version,
        page: body.page,
        text: body.text || null,
        rects: body.rects,
        color: body.color.toLowerCase(),
      }),
    );
    return mapAnnotation(saved);
  }

  async update(
    meetingId: string,
    documentId: string,
    annotationId: string,
    participant: Participant,
    body: UpdateAnnotationRequest,
  ): Promise<AnnotationResponse> {
    const annotation = await this.own(meetingId, documentId, annotationId, participant);
    const text = body.text === undefined ? annotation.text : body.text || null;
    const rects = body.rects ?? annotation.rects;
    if (annotation.kind === 'highlight' && rects.length === 0) {
      throw new ValidationError('Dữ liệu không hợp lệ / Invalid input', [
        { path: 'rects', message: 'Đánh dấu cần ít nhất một vùng / A highlight needs at least one rectangle' },
      ]);
    }
    if (annotation.kind === 'note' && !text) {
      throw new ValidationError('Dữ liệu không hợp lệ / Invalid input', [
        { path: 'text', message: 'Ghi chú cần nội dung / A note needs text' },
      ]);
    }
    annotation.text = text;
    annotation.rects = rects;
    if (body.color) annotation.color = body.color.toLowerCase();
    return mapAnnotation(await this.annotations.save(annotation));
  }

  async remove(meetingId: string, documentId: string, annotationId: string, participant: Participant) {
    const annotation = await this.own(meetingId, documentId, annotationId, participant);
    await this.annotations.delete({ id: annotation.id, authorId: participant.userId });
  }

  /**
   * The caller's own copy: the version's PDF (stamped for them when confidential) with their notes
   * and highlights drawn in. Made on request; deterministic, so its hash is a strong ETag.
   */
  async sendMyCopy(
    req: Request,
    res: Response,
    meetingId: string,
    documentId: string,
    participant: Participant,
    user: AuthUser,
    query: DocumentFileQuery,
  ): Promise<void> {
    const resolved = await this.files.resolveReady(meetingId, documentId, participant, query.version);
    const copy = await this.files.readerCopy(resolved, user);
    const annotations = await this.annotations.find({
      where: { documentId, authorId: user.id, version: resolved.version.number },
      order: { createdAt: 'ASC' },
    });
    const [source, font] = await Promise.all([readFile(copy.path), dejaVuSans()]);
    const body = annotations.length ? await annotatePdf(source, annotations, font, user.displayName) : source;
    const name = pdfFileName(resolved.version.fileName).replace(/\.pdf$/, ' (ghi chú).pdf');
    await sendFile(req, res, {
      body,
      etag: `"${createHash('sha256').update(body).digest('hex')}"`,
      contentType: 'application/pdf',
      cacheControl: 'private, no-cache',
      disposition: { type: resolved.document.confidential ? 'inline' : 'attachment', fileName: name },
      headers: resolved.document.confidential ? { [CONFIDENTIAL_HEADER]: '1' } : {},
    });
  }

  private async own(
    meetingId: string,
    documentId: string,
    annotationId: string,
    participant: Participant,
  ): Promise<DocumentAnnotation> {
    await this.access.findVisible(meetingId, documentId, participant);
    const annotation = await this.annotations.findOneBy({ id: annotationId, documentId, authorId: participant.userId });
    if (!annotation) throw annotationNotFound(annotationId);
    return annotation;
  }
}
