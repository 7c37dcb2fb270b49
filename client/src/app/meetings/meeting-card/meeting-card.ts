import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { RouterLink } from '@angular/router';
import { MeetingResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { formatTimeRange } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';

/** One meeting in the list: what, when, where, how, who organises it and how much there is to read. Opens the meeting. */
@Component({
  selector: 'ec-meeting-card',
  imports: [MatCardModule, MatChipsModule, RouterLink, TranslocoDirective],
  templateUrl: './meeting-card.html',
  styleUrl: './meeting-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingCard {
  private readonly language = inject(LanguagePreference);

  readonly meeting = input.required<MeetingResponse>();

  protected readonly time = computed(() =>
    formatTimeRange(this.meeting().startsAt, this.meeting().endsAt, this.language.active()),
  );
}
