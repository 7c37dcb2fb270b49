import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  InjectionToken,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ArchiveJobResponse, ErrorResponse, MeetingDetailResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { repeat, switchMap, takeWhile, timer } from 'rxjs';

import { Icon } from '../../../core/icons/icon';
import { toErrorResponse } from '../../../core/http/api-error';
import { LanguagePreference } from '../../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../../core/i18n/server-message';
import { ArchiveApi } from '../archive-api';

/** How often a running archive job is checked (ms); tests shorten it. */
export const ARCHIVE_POLL_MS = new InjectionToken<number>('ARCHIVE_POLL_MS', { factory: () => 1000 });

/** "Export archive": starts the ZIP on the server, shows its progress, then offers the download. */
@Component({
  selector: 'ec-archive-button',
  imports: [MatButtonModule, MatProgressBarModule, TranslocoDirective, Icon, ServerMessagePipe],
  templateUrl: './archive-button.html',
  styleUrl: './archive-button.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveButton {
  private readonly api = inject(ArchiveApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pollMs = inject(ARCHIVE_POLL_MS);

  readonly meeting = input.required<MeetingDetailResponse>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly job = signal<ArchiveJobResponse | null>(null);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly running = computed(() => this.job()?.status === 'running');
  protected readonly downloadUrl = computed(() => {
    const job = this.job();
    return job?.status === 'done' ? this.api.downloadUrl(job.meetingId, job.id) : null;
  });

  protected start(): void {
    const meetingId = this.meeting().id;
    this.error.set(null);
    this.api
      .start(meetingId)
      .pipe(
        switchMap((job) => {
          this.job.set(job);
          // One check at a time, `pollMs` after the last answer.
          return timer(this.pollMs).pipe(
            switchMap(() => this.api.get(meetingId, job.id)),
            repeat(),
            takeWhile((latest) => latest.status === 'running', true),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (job) => this.job.set(job),
        error: (error: unknown) => {
          this.job.set(null);
          this.error.set(toErrorResponse(error));
        },
      });
  }
}
