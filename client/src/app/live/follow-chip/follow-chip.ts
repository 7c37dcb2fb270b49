import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { FollowPresenter } from '../follow-presenter';

/**
 * Over the reader's pages while a meeting is live and someone presents: "following the presenter" with
 * "read freely", or "back to the presenter"; for the presenter, that they lead.
 */
@Component({
  selector: 'ec-follow-chip',
  imports: [MatButtonModule, TranslocoDirective, Icon],
  template: `
    <ng-container *transloco="let t; prefix: 'live.follow'">
      @if (presenting()) {
        <div class="chip presenting" role="status" data-testid="live-presenting">
          <ec-icon name="visibility" />
          <span>{{ t('presenting') }}</span>
        </div>
      } @else if (shown()) {
        <div
          class="chip"
          role="status"
          data-testid="live-follow-chip"
          [class.free]="!follow.following()"
          [attr.data-following]="follow.following()"
        >
          @if (follow.following()) {
            <ec-icon name="visibility" />
            <span class="text">{{ t('following', { name: follow.presenterName() ?? '' }) }}</span>
            <button
              mat-button
              type="button"
              class="action"
              data-testid="live-read-freely"
              (click)="follow.readFreely()"
            >
              {{ t('readFreely') }}
            </button>
          } @else {
            <ec-icon name="visibilityOff" />
            <span class="text">{{ t('free') }}</span>
            <button
              mat-flat-button
              type="button"
              class="action"
              data-testid="live-back-to-presenter"
              (click)="follow.follow()"
            >
              {{ t('back') }}
            </button>
          }
        </div>
      }
    </ng-container>
  `,
  styles: `
    :host {
      position: absolute;
      top: 8px;
      left: 50%;
      z-index: 6;
      transform: translateX(-50%);
      max-width: calc(100% - 16px);
    }
    .chip {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 4px 4px 12px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-inverse-surface);
      color: var(--mat-sys-inverse-on-surface);
      box-shadow: var(--mat-sys-level2);
      font: var(--mat-sys-label-large);
    }
    .chip.free {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .presenting {
      padding-right: 16px;
      min-height: 44px;
    }
    .text {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .action {
      min-height: 44px;
      flex: none;
    }
    .chip:not(.free) .action {
      color: var(--mat-sys-inverse-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowChip {
  /** The reader's meeting: the chip shows only for that meeting's live session. */
  readonly meetingId = input.required<string>();

  protected readonly follow = inject(FollowPresenter);
  protected readonly shown = computed(
    () => this.follow.meetingId() === this.meetingId() && this.follow.position() !== null,
  );
  protected readonly presenting = computed(
    () => this.follow.meetingId() === this.meetingId() && this.follow.isPresenter(),
  );
}
