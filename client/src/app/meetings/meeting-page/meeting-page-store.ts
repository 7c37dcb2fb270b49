import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import {
  AddParticipantRequest,
  AgendaItemResponse,
  CreateAgendaItemRequest,
  DocumentResponse,
  ErrorResponse,
  isMeetingEditable,
  isPreparationOpen,
  MeetingDetailResponse,
  MeetingStatus,
  UpdateAgendaItemRequest,
  UpdateParticipantRequest,
} from '@app/shared';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { catchError, EMPTY, map, Observable, of, Subscription, switchMap, tap, timer } from 'rxjs';

import { toErrorResponse } from '../../core/http/api-error';
import { DocumentsApi } from '../../documents/documents-api';
import { AgendaApi } from '../agenda/agenda-api';
import { MeetingsApi } from '../meetings-api';
import { ParticipantsApi } from '../participants/participants-api';

/** How often documents still being processed are checked (ms); tests shorten it. */
export const DOCUMENT_POLL_MS = new InjectionToken<number>('DOCUMENT_POLL_MS', { factory: () => 2000 });

/**
 * State of one meeting page: the meeting (with my role, agenda, participants) and its documents.
 * Every change goes to the server first, then the page shows what the server answered; only the agenda
 * order moves at once (and moves back if the server refuses).
 */
@Injectable()
export class MeetingPageStore {
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly agendaApi = inject(AgendaApi);
  private readonly participantsApi = inject(ParticipantsApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly pollMs = inject(DOCUMENT_POLL_MS);
  private readonly destroyRef = inject(DestroyRef);
  private polling: Subscription | null = null;

  private readonly state = signal<{
    meeting: MeetingDetailResponse | null;
    documents: DocumentResponse[];
    loading: boolean;
    error: ErrorResponse | null;
  }>({ meeting: null, documents: [], loading: false, error: null });

  readonly meeting = computed(() => this.state().meeting);
  readonly documents = computed(() => this.state().documents);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  /** Chair and secretary prepare the meeting; the server checks again on every call. */
  readonly canManage = computed(() => {
    const role = this.state().meeting?.myRole;
    return role === 'chair' || role === 'secretary';
  });
  readonly canPrepare = computed(() => {
    const meeting = this.state().meeting;
    return this.canManage() && !!meeting && isPreparationOpen(meeting.status);
  });
  readonly canEditDetails = computed(() => {
    const meeting = this.state().meeting;
    return this.canManage() && !!meeting && isMeetingEditable(meeting.status);
  });
  /** Documents not attached to any agenda item. */
  readonly looseDocuments = computed(() => {
    const ids = new Set(this.state().meeting?.agenda.map((item) => item.id) ?? []);
    return this.state().documents.filter((doc) => !doc.agendaItemId || !ids.has(doc.agendaItemId));
  });

  constructor() {
    this.destroyRef.onDestroy(() => this.polling?.unsubscribe());
  }

  load(meetingId: string): void {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    this.meetingsApi
      .get(meetingId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meeting) => {
          this.state.update((state) => ({ ...state, meeting, loading: false }));
          this.loadDocuments();
        },
        error: (error: unknown) =>
          this.state.update((state) => ({ ...state, loading: false, error: toErrorResponse(error) })),
      });
  }

  reload(): void {
    const meeting = this.state().meeting;
    if (meeting) {
      this.load(meeting.id);
    }
  }

  documentsOf(itemId: string): DocumentResponse[] {
    return this.state().documents.filter((doc) => doc.agendaItemId === itemId);
  }

  transition(to: MeetingStatus, reason?: string): Observable<MeetingDetailResponse> {
    return this.meetingsApi
      .transition(this.id(), reason ? { to, reason } : { to })
      .pipe(tap((meeting) => this.setMeeting(meeting)));
  }

  addAgendaItem(body: CreateAgendaItemRequest): Observable<AgendaItemResponse> {
    return this.agendaApi
      .create(this.id(), body)
      .pipe(tap((item) => this.setAgenda([...(this.state().meeting?.agenda ?? []), item])));
  }

  updateAgendaItem(itemId: string, body: UpdateAgendaItemRequest): Observable<AgendaItemResponse> {
    return this.agendaApi
      .update(this.id(), itemId, body)
      .pipe(
        tap((item) =>
          this.setAgenda((this.state().meeting?.agenda ?? []).map((old) => (old.id === item.id ? item : old))),
        ),
      );
  }

  deleteAgendaItem(itemId: string): Observable<void> {
    return this.agendaApi.delete(this.id(), itemId).pipe(
      tap(() => {
        const rest = (this.state().meeting?.agenda ?? []).filter((item) => item.id !== itemId);
        this.setAgenda(rest.map((item, index) => ({ ...item, position: index + 1 })));
        // Its documents are now loose (or gone): ask the server.
        this.loadDocuments();
      }),
    );
  }

  /** Moves an item at once; puts it back and reports the error if the server refuses. */
  moveAgendaItem(from: number, to: number): Observable<void> {
    const before = this.state().meeting?.agenda ?? [];
    if (from === to || from < 0 || to < 0 || from >= before.length || to >= before.length) {
      return of(undefined);
    }
    const moved = [...before];
    const [item] = moved.splice(from, 1);
    moved.splice(to, 0, item);
    this.setAgenda(moved.map((entry, index) => ({ ...entry, position: index + 1 })));
    return this.agendaApi
      .reorder(
        this.id(),
        moved.map((entry) => entry.id),
      )
      .pipe(
        map(() => undefined),
        catchError((error: unknown) => {
          this.setAgenda(before);
          throw error;
        }),
      );
  }

  addParticipant(body: AddParticipantRequest): Observable<unknown> {
    return this.participantsApi.add(this.id(), body).pipe(switchMap(() => this.refreshMeeting()));
  }

  updateParticipant(participantId: string, body: UpdateParticipantRequest): Observable<unknown> {
    return this.participantsApi.update(this.id(), participantId, body).pipe(switchMap(() => this.refreshMeeting()));
  }

  removeParticipant(participantId: string): Observable<unknown> {
    return this.participantsApi.remove(this.id(), participantId).pipe(switchMap(() => this.refreshMeeting()));
  }

  /** A document the upload dialog has just stored (or whose processing moved on). */
  upsertDocument(document: DocumentResponse): void {
    this.state.update((state) => {
      const exists = state.documents.some((doc) => doc.id === document.id);
      return {
        ...state,
        documents: exists
          ? state.documents.map((doc) => (doc.id === document.id ? document : doc))
          : [...state.documents, document],
      };
    });
    this.pollWhileProcessing();
  }

  deleteDocument(documentId: string): Observable<void> {
    return this.documentsApi.delete(this.id(), documentId).pipe(
      tap(() =>
        this.state.update((state) => ({
          ...state,
          documents: state.documents.filter((doc) => doc.id !== documentId),
        })),
      ),
    );
  }

  loadDocuments(): void {
    const meeting = this.state().meeting;
    if (!meeting) {
      return;
    }
    this.documentsApi
      .list(meeting.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (documents) => {
          this.state.update((state) => ({ ...state, documents }));
          this.pollWhileProcessing();
        },
        // The meeting itself loaded; a failed document list only leaves the list empty.
        error: () => this.state.update((state) => ({ ...state, documents: [] })),
      });
  }

  private pollWhileProcessing(): void {
    if (this.polling && !this.polling.closed) {
      return;
    }
    if (!this.state().documents.some((doc) => doc.status === 'processing')) {
      return;
    }
    this.polling = timer(this.pollMs)
      .pipe(
        switchMap(() => this.documentsApi.list(this.id())),
        catchError(() => EMPTY),
      )
      .subscribe((documents) => {
        this.state.update((state) => ({ ...state, documents }));
        this.polling = null;
        this.pollWhileProcessing();
      });
  }

  private refreshMeeting(): Observable<MeetingDetailResponse> {
    return this.meetingsApi.get(this.id()).pipe(tap((meeting) => this.setMeeting(meeting)));
  }

  private setMeeting(meeting: MeetingDetailResponse): void {
    this.state.update((state) => ({ ...state, meeting }));
  }

  private setAgenda(agenda: AgendaItemResponse[]): void {
    this.state.update((state) =>
      state.meeting ? { ...state, meeting: { ...state.meeting, agenda, agendaItemCount: agenda.length } } : state,
    );
  }

  private id(): string {
    const meeting = this.state().meeting;
    if (!meeting) {
      throw new Error('MeetingPageStore: no meeting loaded');
    }
    return meeting.id;
  }
}
