import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { QuorumState } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';

/** Present / required voting members, reached or not: in words and colour, announced when it changes. */
@Component({
  selector: 'ec-quorum-status',
  imports: [TranslocoDirective, Icon],
  template: `
    <ng-container *transloco="let t; prefix: 'live.quorum'">
      <p
        class="quorum"
        role="status"
        aria-live="polite"
        data-testid="live-quorum"
        [class.reached]="quorum().reached"
        [attr.data-reached]="quorum().reached"
        [attr.data-present]="quorum().present"
        [attr.data-required]="quorum().required"
      >
        <ec-icon [name]="quorum().reached ? 'check' : 'error'" />
        <span>
          <strong>{{ quorum().reached ? t('reached') : t('notReached') }}</strong>
          <span class="numbers" data-testid="live-quorum-numbers">
            {{
              t('numbers', { present: quorum().present, required: quorum().required, voting: quorum().votingMembers })
            }}
          </span>
        </span>
      </p>
    </ng-container>
  `,
  styles: `
    :host {
      display: block;
    }
    .quorum {
      display: flex;
      align-items: center;
      gap: 12px;
      margin: 0;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-large);
    }
    .quorum.reached {
      background: #d7f5dd;
      color: #0b3d1a;
    }
    strong {
      display: block;
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuorumStatus {
  readonly quorum = input.required<QuorumState>();
}
