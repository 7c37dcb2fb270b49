import type { DocumentDetailResponse, DocumentResponse, DocumentVersionResponse } from '@app/shared';

import { DocumentVersion } from './document-version.entity';
import { MeetingDocument } from './meeting-document.entity';

export function mapVersion(version: DocumentVersion): DocumentVersionResponse {
  return {
    number: version.number,
    status: version.status,
    stage: version.stage,
    progress: version.progress,
    pageCount: version.pageCount,
    sizeBytes: version.sizeBytes,
    sourceKind: version.sourceKind,
    fileName: version.fileName,
    createdAt: version.createdAt.toISOString(),
    readyAt: version.readyAt?.toISOString() ?? null,
    failure:
      version.status === 'failed' && version.failureReason
        ? { reason: version.failureReason, message: version.failureMessage ?? '' }
        : null,
  };
}

export interface DocumentView {
  document: MeetingDocument;
  /** The version whose state the caller follows: the newest (organisers) or the current one. */
  latest: DocumentVersion | null;
  /** The newest ready version, the one served by default. */
  current: DocumentVersion | null;
  /** Null: the caller may not see who the readers are. */
  readerIds: string[] | null;
  lastOpenedVersion: number | null;
}

export function mapDocument({
  document,
  latest,
  current,
  readerIds,
  lastOpenedVersion,
}: DocumentView): DocumentResponse {
  // A confidential document is served as a copy stamped per reader: other bytes, other size.
  const served = document.confidential ? null : current;
  return {
    id: document.id,
    meetingId: document.meetingId,
    agendaItemId: document.agendaItemId,
    title: document.title,
    fileName: document.fileName,
    visibility: document.visibility,
    readerIds,
    confidential: document.confidential,
    currentVersion: document.currentVersion,
    latestVersion: document.latestVersion,
    status: latest?.status ?? 'processing',
    stage: latest?.stage ?? 'queued',
    progress: latest?.progress ?? 0,
    pageCount: document.pageCount,
    sizeBytes: document.sizeBytes,
    fileBytes: served?.pdfSizeBytes ?? null,
    fastOpen: served?.fastOpen ?? null,
    lastOpenedVersion,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

export function mapDocumentDetail(view: DocumentView, versions: DocumentVersion[]): DocumentDetailResponse {
  return {
    ...mapDocument(view),
    versions: [...versions].sort((a, b) => b.number - a.number).map(mapVersion),
  };
}
