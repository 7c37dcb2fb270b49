import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { LivePageStore } from '../live-page/live-page-store';
import { PollTally } from '../poll-tally/poll-tally';

/** Closed polls of the meeting with their published results, newest first, by agenda item. */
@Component({
  selector: 'ec-poll-results',
  imports: [TranslocoDirective, PollTally],
  template: `
    <ng-container *transloco="let t; prefix: 'live.poll'">
      <section aria-labelledby="live-results-title" data-testid="live-results">
        <h2 id="live-results-title" class="title">{{ t('results') }}</h2>
        @for (poll of store.live.polls()?.closed ?? []; track poll.id) {
          <article class="result" data-testid="live-result" [attr.data-poll-id]="poll.id">
            @if (store.agendaTitle(poll.agendaItemId); as item) {
              <p class="item">{{ item }}</p>
            }
            <ec-poll-tally [poll]="poll" />
          </article>
        } @empty {
          <p class="empty" data-testid="live-results-empty">{{ t('noResults') }}</p>
        }
      </section>
    </ng-container>
  `,
  styles: `
    :host {
      display: block;
    }
    .title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .result {
      padding: 8px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .item {
      margin: 0 0 4px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PollResults {
  protected readonly store = inject(LivePageStore);
}
