import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { ErrorCode, MINUTES_BODY_MAX } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { filter } from 'rxjs';

import { confirmAction } from '../../core/confirm/confirm-dialog';
import { DISPLAY_TIME_ZONE } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { Icon } from '../../core/icons/icon';
import { MinutesView } from '../minutes-view/minutes-view';
import { MinutesStore } from './minutes-store';

/**
 * The minutes of one meeting. The chair and secretary draft them from the meeting's records, edit
 * the text, save (a stale save is caught), finalize and download the PDF; other participants read
 * the final minutes.
 */
@Component({
  selector: 'ec-minutes-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    RouterLink,
    TranslocoDirective,
    ServerMessagePipe,
    Icon,
    MinutesView,
  ],
  providers: [MinutesStore],
  templateUrl: './minutes-page.html',
  styleUrl: './minutes-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MinutesPage {
  /** Route param. */
  readonly meetingId = input.required<string>();

  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  protected readonly store = inject(MinutesStore);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly notFound = ErrorCode.NotFound;
  protected readonly maxLength = MINUTES_BODY_MAX;
  protected readonly timeZone = DISPLAY_TIME_ZONE;

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(() => this.store.load(meetingId));
    });
  }

  protected retry(): void {
    this.store.load(this.meetingId());
  }

  protected edit(event: Event): void {
    this.store.text.set((event.target as HTMLTextAreaElement).value);
  }

  /** Drafting again replaces the text: asks first when there is one. */
  protected generate(): void {
    if (!this.store.minutes()) {
      this.store.generate();
      return;
    }
    confirmAction(this.dialog, {
      title: this.transloco.translate('minutes.regenerateTitle'),
      message: this.transloco.translate('minutes.regenerateMessage'),
      confirm: this.transloco.translate('minutes.regenerate'),
    })
      .pipe(filter(Boolean))
      .subscribe(() => this.store.generate());
  }

  protected finalize(): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('minutes.finalizeTitle'),
      message: this.transloco.translate('minutes.finalizeMessage'),
      confirm: this.transloco.translate('minutes.finalize'),
    })
      .pipe(filter(Boolean))
      .subscribe(() => this.store.finalize());
  }
}
