import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { ErrorResponse, MeetingDetailResponse, MeetingStatus, transitionNeedsReason } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { EMPTY, switchMap } from 'rxjs';

import { Icon } from '../../core/icons/icon';
import { toErrorResponse } from '../../core/http/api-error';
import { formatTimeRange } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { ArchiveButton } from '../archive/archive-button/archive-button';
import { CancelDialog, CancelDialogData } from '../cancel-dialog/cancel-dialog';
import { MeetingPageStore } from '../meeting-page/meeting-page-store';

/** Order of the buttons: moving forward first, calling off last. */
const TRANSITION_ORDER: MeetingStatus[] = ['scheduled', 'live', 'closed', 'archived', 'cancelled'];

/** Title, status, time and place of a meeting; for chair and secretary the moves the lifecycle allows now. */
@Component({
  selector: 'ec-meeting-header',
  imports: [MatButtonModule, MatChipsModule, RouterLink, TranslocoDirective, Icon, ServerMessagePipe, ArchiveButton],
  templateUrl: './meeting-header.html',
  styleUrl: './meeting-header.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingHeader {
  private readonly store = inject(MeetingPageStore);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

  readonly meeting = input.required<MeetingDetailResponse>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly canEditDetails = this.store.canEditDetails;
  protected readonly canManage = this.store.canManage;
  protected readonly busy = signal<MeetingStatus | null>(null);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly time = computed(() =>
    formatTimeRange(this.meeting().startsAt, this.meeting().endsAt, this.lang()),
  );
  /** The server builds archives of closed (or archived) meetings only. */
  protected readonly archivable = computed(() => ['closed', 'archived'].includes(this.meeting().status));
  protected readonly transitions = computed(() =>
    TRANSITION_ORDER.filter((status) => this.meeting().allowedTransitions.includes(status)),
  );

  protected move(to: MeetingStatus): void {
    const meeting = this.meeting();
    const confirmed$ =
      to === 'cancelled'
        ? this.dialog
            .open<CancelDialog, CancelDialogData, string>(CancelDialog, {
              data: { title: meeting.title, reasonRequired: transitionNeedsReason(meeting.status, to) },
            })
            .afterClosed()
        : undefined;
    this.error.set(null);
    const run = (reason?: string) => {
      this.busy.set(to);
      return this.store.transition(to, reason || undefined);
    };
    (confirmed$ ? confirmed$.pipe(switchMap((reason) => (reason === undefined ? EMPTY : run(reason)))) : run())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.busy.set(null),
        error: (error: unknown) => {
          this.busy.set(null);
          this.error.set(toErrorResponse(error));
        },
      });
  }
}
