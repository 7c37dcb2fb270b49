import { computed, inject, Injectable, signal } from '@angular/core';
import {
  AnnotationResponse,
  CreateAnnotationRequest,
  DEFAULT_HIGHLIGHT_COLOR,
  ErrorResponse,
  UpdateAnnotationRequest,
} from '@app/shared';
import { Observable, tap } from 'rxjs';

import { toErrorResponse } from '../../core/http/api-error';
import { AnnotationsApi } from './annotations-api';

/** My notes and highlights on the open document. Provided by the reader. */
@Injectable()
export class AnnotationsStore {
  private readonly api = inject(AnnotationsApi);
  private target: { meetingId: string; documentId: string } | null = null;
  private readonly state = signal<{ all: AnnotationResponse[]; version: number | null; error: ErrorResponse | null }>({
    all: [],
    version: null,
    error: null,
  });

  readonly error = computed(() => this.state().error);
  /** On the version being read, in reading order: by page, then top to bottom. */
  readonly visible = computed(() => {
    const { all, version } = this.state();
    return all
      .filter((annotation) => annotation.version === version)
      .sort((a, b) => a.page - b.page || (a.rects[0]?.y ?? 0) - (b.rects[0]?.y ?? 0));
  });
  /** Notes and highlights left on other versions of the document. */
  readonly otherVersions = computed(() => {
    const { all, version } = this.state();
    return all.filter((annotation) => annotation.version !== version).length;
  });

  load(meetingId: string, documentId: string): void {
    this.target = { meetingId, documentId };
    this.api.list(meetingId, documentId).subscribe({
      next: (all) => this.state.update((state) => ({ ...state, all, error: null })),
      error: (error: unknown) => this.state.update((state) => ({ ...state, error: toErrorResponse(error) })),
    });
  }

  showVersion(version: number): void {
    this.state.update((state) => ({ ...state, version }));
  }

  addHighlight(page: number, rects: CreateAnnotationRequest['rects'], text?: string): Observable<AnnotationResponse> {
    return this.create({
      kind: 'highlight',
      version: this.version(),
      page,
      rects,
      color: DEFAULT_HIGHLIGHT_COLOR,
      ...(text ? { text } : {}),
    });
  }

  addNote(page: number, rects: CreateAnnotationRequest['rects'], text: string): Observable<AnnotationResponse> {
    return this.create({ kind: 'note', version: this.version(), page, rects, color: DEFAULT_HIGHLIGHT_COLOR, text });
  }

  update(annotationId: string, body: UpdateAnnotationRequest): Observable<AnnotationResponse> {
    const { meetingId, documentId } = this.requireTarget();
    return this.api
      .update(meetingId, documentId, annotationId, body)
      .pipe(
        tap((saved) =>
          this.state.update((state) => ({ ...state, all: state.all.map((a) => (a.id === saved.id ? saved : a)) })),
        ),
      );
  }

  delete(annotationId: string): Observable<void> {
    const { meetingId, documentId } = this.requireTarget();
    return this.api
      .delete(meetingId, documentId, annotationId)
      .pipe(
        tap(() => this.state.update((state) => ({ ...state, all: state.all.filter((a) => a.id !== annotationId) }))),
      );
  }

  find(annotationId: string): AnnotationResponse | undefined {
    return this.state().all.find((annotation) => annotation.id === annotationId);
  }

  private create(body: CreateAnnotationRequest): Observable<AnnotationResponse> {
    const { meetingId, documentId } = this.requireTarget();
    return this.api
      .create(meetingId, documentId, body)
      .pipe(tap((saved) => this.state.update((state) => ({ ...state, all: [...state.all, saved] }))));
  }

  private version(): number {
    const version = this.state().version;
    if (version === null) {
      throw new Error('AnnotationsStore: no version shown');
    }
    return version;
  }

  private requireTarget(): { meetingId: string; documentId: string } {
    if (!this.target) {
      throw new Error('AnnotationsStore: no document loaded');
    }
    return this.target;
  }
}
