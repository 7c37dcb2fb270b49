import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { MeetingDetailResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

/** The way from a meeting page to its minutes, once the meeting has started. */
@Component({
  selector: 'ec-minutes-link',
  imports: [MatButtonModule, RouterLink, TranslocoDirective],
  template: `
    @if (shown()) {
      <a
        *transloco="let t; prefix: 'minutes'"
        mat-stroked-button
        class="link"
        data-testid="meeting-minutes-link"
        [routerLink]="['/meetings', meeting().id, 'minutes']"
      >
        {{ t('link') }}
      </a>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .link {
      margin-top: 16px;
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MinutesLink {
  readonly meeting = input.required<MeetingDetailResponse>();

  protected readonly shown = computed(() => ['live', 'closed', 'archived'].includes(this.meeting().status));
}
