import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  InjectionToken,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RecordingResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { EMPTY, expand, Subscription, timer } from 'rxjs';
import { catchError, switchMap } from 'rxjs/operators';

import { Icon } from '../../../core/icons/icon';
import { formatInstant } from '../../../core/i18n/date-time';
import { LanguagePreference } from '../../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../../core/i18n/server-message';
import { FileSizePipe } from '../../../documents/document-list/file-size';
import { RecordingsApi } from '../recordings-api';

/** How often the list is read again while a recording runs or is being mixed (ms); tests shorten it. */
export const RECORDINGS_POLL_MS = new InjectionToken<number>('RECORDINGS_POLL_MS', { factory: () => 2000 });

const busy = (list: RecordingResponse[]) => list.some((r) => r.status === 'recording' || r.status === 'processing');

/**
 * The meeting's video recordings: one still running, one being mixed into its file (with the mix's
 * progress), ready ones to play or download with their length and size, failed ones with why.
 * Read again every few seconds while any is running or being mixed. Hidden when there is none.
 */
@Component({
  selector: 'ec-recordings-panel',
  imports: [MatButtonModule, MatProgressBarModule, TranslocoDirective, Icon, ServerMessagePipe, FileSizePipe],
  templateUrl: './recordings-panel.html',
  styleUrl: './recordings-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordingsPanel {
  private readonly api = inject(RecordingsApi);
  private readonly pollMs = inject(RECORDINGS_POLL_MS);
  private readonly destroyRef = inject(DestroyRef);

  readonly meetingId = input.required<string>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly recordings = signal<RecordingResponse[]>([]);
  protected readonly rows = computed(() =>
    this.recordings().map((recording) => ({
      recording,
      startedAt: formatInstant(recording.startedAt, this.lang()),
      minutes: recording.durationMs === null ? null : Math.max(1, Math.round(recording.durationMs / 60_000)),
    })),
  );

  constructor() {
    let polling: Subscription | null = null;
    effect(() => {
      const meetingId = this.meetingId();
      polling?.unsubscribe();
      // One read at a time: the next one `pollMs` after an answer that still has work going on.
      polling = this.read(meetingId)
        .pipe(
          expand((list) => (busy(list) ? timer(this.pollMs).pipe(switchMap(() => this.read(meetingId))) : EMPTY)),
          takeUntilDestroyed(this.destroyRef),
        )
        .subscribe((list) => this.recordings.set(list));
    });
  }

  /** A failed read leaves the list as it was (and stops the polling until the page is opened again). */
  private read(meetingId: string) {
    return this.api.list(meetingId).pipe(catchError(() => EMPTY));
  }
}
