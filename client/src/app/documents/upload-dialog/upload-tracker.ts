import { InjectionToken } from '@angular/core';
import { DocumentDetailResponse, DocumentFailure, DocumentResponse, DocumentStage, ErrorResponse } from '@app/shared';
import { catchError, concat, map, Observable, of, repeat, switchMap, takeWhile, timer } from 'rxjs';

import { toErrorResponse } from '../../core/http/api-error';
import { DocumentsApi, UploadEvent } from '../documents-api';

/** How often the server's processing of a fresh upload is checked (ms); tests shorten it. */
export const PROCESSING_POLL_MS = new InjectionToken<number>('PROCESSING_POLL_MS', { factory: () => 1000 });

/** Where one upload is, from the first byte to a readable document (or a clear failure). */
export type UploadPhase =
  | { phase: 'uploading'; percent: number; loaded: number; total: number }
  | { phase: 'processing'; stage: DocumentStage; percent: number; document: DocumentResponse }
  | { phase: 'ready'; document: DocumentResponse; pageCount: number | null }
  | { phase: 'failed'; document: DocumentResponse; failure: DocumentFailure | null }
  | { phase: 'error'; error: ErrorResponse };

/**
 * Upload (real byte progress from the browser), then poll the document until the new version is ready
 * or failed. Unsubscribing aborts the upload or stops polling.
 */
export function trackUpload(
  api: DocumentsApi,
  meetingId: string,
  upload$: Observable<UploadEvent>,
  pollMs: number,
): Observable<UploadPhase> {
  return upload$.pipe(
    switchMap((event): Observable<UploadPhase> => {
      if (event.kind === 'progress') {
        const percent = event.total > 0 ? Math.min(100, Math.round((event.loaded / event.total) * 100)) : 0;
        return of({ phase: 'uploading', percent, loaded: event.loaded, total: event.total });
      }
      const stored = event.document;
      return concat(
        of<UploadPhase>({ phase: 'processing', stage: stored.stage, percent: stored.progress, document: stored }),
        // One check at a time, `pollMs` after the last answer: a slow link never piles up requests.
        timer(pollMs).pipe(
          switchMap(() => api.get(meetingId, stored.id)),
          repeat(),
          map((detail) => toPhase(detail, stored.latestVersion)),
          takeWhile((phase) => phase.phase === 'processing', true),
        ),
      );
    }),
    catchError((error: unknown) => of<UploadPhase>({ phase: 'error', error: toErrorResponse(error) })),
  );
}

function toPhase(detail: DocumentDetailResponse, versionNumber: number): UploadPhase {
  const version = detail.versions.find((v) => v.number === versionNumber);
  const status = version?.status ?? detail.status;
  if (status === 'ready') {
    return { phase: 'ready', document: detail, pageCount: version?.pageCount ?? detail.pageCount };
  }
  if (status === 'failed') {
    return { phase: 'failed', document: detail, failure: version?.failure ?? null };
  }
  return {
    phase: 'processing',
    stage: version?.stage ?? detail.stage,
    percent: version?.progress ?? detail.progress,
    document: detail,
  };
}
