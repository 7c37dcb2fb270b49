import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ErrorCode,
  ErrorResponse,
  MeetingDetailResponse,
  MeetingStatus,
  MinutesResponse,
  UpdateMinutesSchema,
} from '@app/shared';
import { catchError, forkJoin, Observable, of, throwError } from 'rxjs';

import { toErrorResponse } from '../../core/http/api-error';
import { MeetingsApi } from '../../meetings/meetings-api';
import { MinutesApi } from '../minutes-api';

/** Statuses in which a draft can be written from the meeting's records (as the server allows). */
const DRAFT_STATUSES: readonly MeetingStatus[] = ['live', 'closed'];
/** Minutes are finalized once the meeting is over. */
const FINALIZE_STATUSES: readonly MeetingStatus[] = ['closed', 'archived'];

export type MinutesProblem = 'empty' | 'tooLong';

interface State {
  meeting: MeetingDetailResponse | null;
  minutes: MinutesResponse | null;
  loading: boolean;
  loadError: ErrorResponse | null;
  busy: 'draft' | 'save' | 'finalize' | null;
  actionError: ErrorResponse | null;
  /** The newer minutes someone else saved while I was editing (after a 409 on save). */
  conflict: MinutesResponse | null;
  saved: boolean;
}

/**
 * State of the minutes page: the meeting (my role, its status), the minutes, and the text being
 * edited. Saving sends the version the text was based on; a 409 brings the newer minutes, and the
 * organiser chooses to take them or to keep their own text over them.
 */
@Injectable()
export class MinutesStore {
  private readonly minutesApi = inject(MinutesApi);
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly destroyRef = inject(DestroyRef);

  private readonly state = signal<State>({
    meeting: null,
    minutes: null,
    loading: false,
    loadError: null,
    busy: null,
    actionError: null,
    conflict: null,
    saved: false,
  });
  /** What the textarea holds. */
  readonly text = signal('');

  readonly meeting = computed(() => this.state().meeting);
  readonly minutes = computed(() => this.state().minutes);
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly busy = computed(() => this.state().busy);
  readonly actionError = computed(() => this.state().actionError);
  readonly conflict = computed(() => this.state().conflict);
  readonly saved = computed(() => this.state().saved);

  readonly canManage = computed(() => {
    const role = this.state().meeting?.myRole;
    return role === 'chair' || role === 'secretary';
  });
  readonly isFinal = computed(() => this.state().minutes?.status === 'final');
  readonly canDraft = computed(() => {
    const meeting = this.state().meeting;
    return this.canManage() && !!meeting && DRAFT_STATUSES.includes(meeting.status) && !this.isFinal();
  });
  readonly canEdit = computed(() => this.canManage() && this.state().minutes?.status === 'draft');
  readonly dirty = computed(() => {
    const minutes = this.state().minutes;
    return !!minutes && this.text() !== minutes.body;
  });
  /** Why the text cannot be saved as it is, if it cannot. */
  readonly problem = computed<MinutesProblem | null>(() => {
    const result = UpdateMinutesSchema.shape.body.safeParse(this.text());
    if (result.success) return null;
    return result.error.issues[0]?.code === 'too_big' ? 'tooLong' : 'empty';
  });
  readonly meetingOver = computed(() => {
    const meeting = this.state().meeting;
    return !!meeting && FINALIZE_STATUSES.includes(meeting.status);
  });
  /** Finalizing needs a closed meeting and the text saved first. */
  readonly canFinalize = computed(() => this.canEdit() && this.meetingOver() && !this.dirty() && !this.conflict());

  load(meetingId: string): void {
    this.patch({ loading: true, loadError: null });
    forkJoin([this.meetingsApi.get(meetingId), this.minutesOrNull(meetingId)])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ([meeting, minutes]) => {
          this.patch({ meeting, minutes, loading: false });
          this.text.set(minutes?.body ?? '');
        },
        error: (error: unknown) => this.patch({ loading: false, loadError: toErrorResponse(error) }),
      });
  }

  /** Writes the draft anew from the meeting's records (replacing the text). */
  generate(): void {
    this.run('draft', this.minutesApi.draft(this.meetingId()), (minutes) => this.adopt(minutes));
  }

  save(): void {
    const minutes = this.state().minutes;
    if (!minutes || this.problem()) return;
    this.run(
      'save',
      this.minutesApi.save(this.meetingId(), { body: this.text(), version: minutes.version }),
      (saved) => {
        this.adopt(saved);
        this.patch({ saved: true });
      },
    );
  }

  finalize(): void {
    const minutes = this.state().minutes;
    if (!minutes || !this.canFinalize()) return;
    this.run('finalize', this.minutesApi.finalize(this.meetingId(), { version: minutes.version }), (final) =>
      this.adopt(final),
    );
  }

  /** After a conflict: drop my edits and take the newer minutes. */
  takeTheirs(): void {
    const conflict = this.state().conflict;
    if (!conflict) return;
    this.adopt(conflict);
    this.patch({ actionError: null });
  }

  /** After a conflict: keep my text, to be saved over the newer version. */
  keepMine(): void {
    const conflict = this.state().conflict;
    if (conflict) this.patch({ minutes: conflict, conflict: null, actionError: null });
  }

  pdfUrl(): string {
    return this.minutesApi.pdfUrl(this.meetingId());
  }

  private run<T>(busy: State['busy'], call: Observable<T>, done: (value: T) => void): void {
    this.patch({ busy, actionError: null, saved: false });
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        this.patch({ busy: null });
        done(value);
      },
      error: (error: unknown) => {
        const problem = toErrorResponse(error);
        this.patch({ busy: null, actionError: problem });
        if (problem.code === ErrorCode.Conflict && busy !== 'draft') this.fetchNewer();
      },
    });
  }

  /** A save or finalize was refused as stale (or the minutes became final): read what is there now. */
  private fetchNewer(): void {
    this.minutesApi
      .get(this.meetingId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (newer) => {
          const mine = this.state().minutes;
          if (newer.status === 'final') this.adopt(newer);
          else if (mine && newer.version !== mine.version) this.patch({ conflict: newer });
        },
        error: () => undefined,
      });
  }

  private adopt(minutes: MinutesResponse): void {
    this.patch({ minutes, conflict: null });
    this.text.set(minutes.body);
  }

  private minutesOrNull(meetingId: string): Observable<MinutesResponse | null> {
    return this.minutesApi
      .get(meetingId)
      .pipe(
        catchError((error: unknown) =>
          toErrorResponse(error).code === ErrorCode.NotFound ? of(null) : throwError(() => error),
        ),
      );
  }

  private meetingId(): string {
    const meeting = this.state().meeting;
    if (!meeting) throw new Error('MinutesStore: no meeting loaded');
    return meeting.id;
  }

  private patch(changes: Partial<State>): void {
    this.state.update((state) => ({ ...state, ...changes }));
  }
}
