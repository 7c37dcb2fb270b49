import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ErrorResponse, MeetingResponse } from '@app/shared';
import { catchError, map, of, Subject, switchMap, tap } from 'rxjs';

import { toErrorResponse } from '../core/http/api-error';
import { MeetingsApi } from './meetings-api';

interface MeetingsState {
  /** null until the first successful load. */
  meetings: MeetingResponse[] | null;
  loading: boolean;
  error: ErrorResponse | null;
  /** When the list was fetched (ms); splits upcoming from past. */
  loadedAt: number;
}

type LoadResult = { meetings: MeetingResponse[] } | { error: ErrorResponse };

/** State of the meeting list page. Provided by the meetings route, so it lives as long as the page. */
@Injectable()
export class MeetingsStore {
  private readonly api = inject(MeetingsApi);
  private readonly loads = new Subject<void>();
  private readonly state = signal<MeetingsState>({ meetings: null, loading: false, error: null, loadedAt: 0 });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly loaded = computed(() => this.state().meetings !== null);
  readonly isEmpty = computed(() => this.state().meetings?.length === 0);

  /** Not yet over (or still live), soonest first. */
  readonly upcoming = computed(() => {
    const { meetings, loadedAt } = this.state();
    return (meetings ?? []).filter((meeting) => !isPast(meeting, loadedAt));
  });

  /** Over, most recent first. */
  readonly past = computed(() => {
    const { meetings, loadedAt } = this.state();
    return (meetings ?? []).filter((meeting) => isPast(meeting, loadedAt)).reverse();
  });

  constructor() {
    this.loads
      .pipe(
        tap(() => this.state.update((state) => ({ ...state, loading: true, error: null }))),
        switchMap(() =>
          this.api.list().pipe(
            map((meetings): LoadResult => ({ meetings: [...meetings].sort(byStart) })),
            catchError((error: unknown) => of<LoadResult>({ error: toErrorResponse(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) =>
        this.state.update((state) =>
          'meetings' in result
            ? { meetings: result.meetings, loading: false, error: null, loadedAt: Date.now() }
            : { ...state, loading: false, error: result.error },
        ),
      );
  }

  /** Fetches the list; a call while one is in flight replaces it. */
  load(): void {
    this.loads.next();
  }
}

function isPast(meeting: MeetingResponse, now: number): boolean {
  return meeting.status !== 'live' && Date.parse(meeting.endsAt) < now;
}

function byStart(a: MeetingResponse, b: MeetingResponse): number {
  return Date.parse(a.startsAt) - Date.parse(b.startsAt);
}
