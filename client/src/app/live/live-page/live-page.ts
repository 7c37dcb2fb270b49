import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ErrorCode } from '@app/shared';
import { TranslocoDirective, TranslocoPipe } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { ChairConsole } from '../chair-console/chair-console';
import { DelegateView } from '../delegate-view/delegate-view';
import { PollResults } from '../poll-results/poll-results';
import { LivePageStore } from './live-page-store';

/**
 * `/meetings/:meetingId/live`: the chair's console for chair and secretary, the delegate view for
 * everyone else (commune sites included), both on the same live state.
 */
@Component({
  selector: 'ec-live-page',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoDirective,
    TranslocoPipe,
    Icon,
    ServerMessagePipe,
    ChairConsole,
    DelegateView,
    PollResults,
  ],
  providers: [LivePageStore],
  templateUrl: './live-page.html',
  styleUrl: './live-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LivePage {
  /** Route param. */
  readonly meetingId = input.required<string>();

  protected readonly store = inject(LivePageStore);
  protected readonly live = this.store.live;
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly notFound = ErrorCode.NotFound;
  protected readonly failure = computed(() => this.store.loadError() ?? this.live.error());

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
