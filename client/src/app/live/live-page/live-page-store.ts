import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AgendaItemResponse, ErrorResponse, LiveEventName, LiveResult, MeetingDetailResponse } from '@app/shared';

import { toErrorResponse } from '../../core/http/api-error';
import { MeetingsApi } from '../../meetings/meetings-api';
import { LiveData, LivePayload, LiveSessionClient } from '../live-session-client';

/**
 * One live page: the meeting as the HTTP API describes it (agenda titles, documents, my role) next to the
 * live state of the shared client, and the calls its panels make, with what is on its way.
 */
@Injectable()
export class LivePageStore {
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly inFlight = signal<ReadonlySet<string>>(new Set());

  readonly live = inject(LiveSessionClient);
  readonly meeting = signal<MeetingDetailResponse | null>(null);
  readonly loadError = signal<ErrorResponse | null>(null);

  readonly meetingId = computed(() => this.meeting()?.id ?? null);
  /** My role: the live session's word, else the meeting's. */
  readonly role = computed(() => this.live.viewer()?.meetingRole ?? this.meeting()?.myRole ?? null);
  /** Chair and secretary run the session; the server checks again on every call. */
  readonly canManage = computed(() => this.role() === 'chair' || this.role() === 'secretary');
  readonly agenda = computed<AgendaItemResponse[]>(() => this.meeting()?.agenda ?? []);
  readonly currentItemId = computed(() => this.live.meeting()?.currentAgendaItemId ?? null);
  /** The joined live state belongs to this page's meeting. */
  readonly state = computed(() => {
    const state = this.live.state();
    return state && state.meetingId === this.meetingId() ? state : null;
  });
  readonly isLive = computed(() => this.state()?.meeting.status === 'live');
  readonly myEntry = computed(() => {
    const state = this.state();
    return state?.attendance.entries.find((entry) => entry.participantId === state.viewer.participantId) ?? null;
  });

  load(meetingId: string): void {
    this.loadError.set(null);
    this.meetingsApi
      .get(meetingId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (meeting) => {
          this.meeting.set(meeting);
          // Refusals are kept by the client (`live.error()`); the page shows them.
          this.live.join(meeting.id).catch(() => undefined);
        },
        error: (error: unknown) => this.loadError.set(toErrorResponse(error)),
      });
  }

  agendaTitle(agendaItemId: string | null): string | null {
    return this.agenda().find((item) => item.id === agendaItemId)?.title ?? null;
  }

  /** `key` names what is on its way, for the view to disable that button. */
  busy(key: string): boolean {
    return this.inFlight().has(key);
  }

  /** One live call of this meeting; failures show a snackbar (the client's). */
  async run<E extends LiveEventName>(
    key: string,
    event: E,
    payload: Omit<LivePayload<E>, 'meetingId'>,
  ): Promise<LiveResult<LiveData<E>>> {
    const meetingId = this.meetingId();
    if (!meetingId) {
      return { ok: false, error: { code: 'NOT_FOUND', message: '' } };
    }
    this.inFlight.update((keys) => new Set([...keys, key]));
    try {
      return await this.live.call(event, { ...payload, meetingId } as LivePayload<E>);
    } finally {
      this.inFlight.update((keys) => new Set([...keys].filter((k) => k !== key)));
    }
  }
}
