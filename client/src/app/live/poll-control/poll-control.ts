import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { PollState } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { confirmAction } from '../../core/confirm/confirm-dialog';
import { LivePageStore } from '../live-page/live-page-store';
import { PollForm } from '../poll-form/poll-form';
import { PollTally } from '../poll-tally/poll-tally';

/** The chair's poll: the live tally of the open poll with "close", or the form to open the next one. */
@Component({
  selector: 'ec-poll-control',
  imports: [MatButtonModule, TranslocoDirective, PollForm, PollTally],
  template: `
    <ng-container *transloco="let t; prefix: 'live.poll'">
      <section aria-labelledby="live-poll-title" data-testid="live-poll-control">
        <h2 id="live-poll-title" class="title">{{ t('title') }}</h2>
        @if (active(); as poll) {
          @if (store.agendaTitle(poll.agendaItemId); as item) {
            <p class="item">{{ item }}</p>
          }
          <ec-poll-tally [poll]="poll" />
          <button
            mat-flat-button
            type="button"
            class="action close"
            data-testid="live-close-poll"
            [disabled]="store.busy('poll-close')"
            (click)="close(poll)"
          >
            {{ t('close') }}
          </button>
        } @else {
          <ec-poll-form />
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
    .item {
      margin: 0 0 4px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .action {
      min-height: 48px;
      margin-top: 12px;
    }
    .close {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PollControl {
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);

  protected readonly store = inject(LivePageStore);
  protected readonly active = computed(() => this.store.live.polls()?.active ?? null);

  protected async close(poll: PollState): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: this.transloco.translate('live.poll.closeTitle'),
        message: this.transloco.translate('live.poll.closeConfirm', {
          ballots: poll.ballots,
          eligible: poll.eligible,
        }),
        confirm: this.transloco.translate('live.poll.close'),
      }),
    );
    if (confirmed) {
      await this.store.run('poll-close', 'poll:close', { pollId: poll.id });
    }
  }
}
