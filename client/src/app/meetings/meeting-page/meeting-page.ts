import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ErrorCode } from '@app/shared';
import { TranslocoDirective, TranslocoPipe } from '@jsverse/transloco';

import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { DocumentList } from '../../documents/document-list/document-list';
import { MeetingSearch } from '../../documents/meeting-search/meeting-search';
import { MinutesLink } from '../../minutes/minutes-link/minutes-link';
import { RatingCard } from '../../minutes/rating-card/rating-card';
import { AgendaList } from '../agenda/agenda-list/agenda-list';
import { MeetingHeader } from '../meeting-header/meeting-header';
import { ParticipantsPanel } from '../participants/participants-panel/participants-panel';
import { RecordingsPanel } from '../recordings/recordings-panel/recordings-panel';
import { MeetingPageStore } from './meeting-page-store';

/** One meeting: header and lifecycle, search, agenda with documents, participants. */
@Component({
  selector: 'ec-meeting-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoDirective,
    TranslocoPipe,
    ServerMessagePipe,
    MeetingHeader,
    MeetingSearch,
    AgendaList,
    DocumentList,
    ParticipantsPanel,
    RecordingsPanel,
    MinutesLink,
    RatingCard,
  ],
  providers: [MeetingPageStore],
  templateUrl: './meeting-page.html',
  styleUrl: './meeting-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingPage {
  /** Route param. */
  readonly meetingId = input.required<string>();

  protected readonly store = inject(MeetingPageStore);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly notFound = ErrorCode.NotFound;

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(() => this.store.load(meetingId));
    });
  }

  protected retry(): void {
    this.store.load(this.meetingId());
  }
}
