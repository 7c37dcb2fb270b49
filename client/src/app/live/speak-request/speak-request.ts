import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { SpeechKind, SpeechKindSchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { LivePageStore } from '../live-page/live-page-store';

/** A delegate asks for the floor (speech, question, point of order), sees their place, or withdraws. */
@Component({
  selector: 'ec-speak-request',
  imports: [MatButtonModule, TranslocoDirective],
  template: `
    <ng-container *transloco="let t; prefix: 'live.speakers'">
      <section class="request" aria-labelledby="live-request-title" data-testid="live-speak-request">
        <h2 id="live-request-title" class="title">{{ t('requestTitle') }}</h2>
        @if (speaking()) {
          <p class="state" data-testid="live-my-floor">{{ t('youSpeak') }}</p>
        } @else if (mine(); as mine) {
          <p class="state" role="status" aria-live="polite" data-testid="live-my-place" [attr.data-place]="mine.place">
            {{ t('myPlace', { place: mine.place, kind: t('kind.' + mine.request.kind) }) }}
          </p>
          <button
            mat-stroked-button
            type="button"
            class="action"
            data-testid="live-withdraw"
            [disabled]="store.busy('withdraw')"
            (click)="withdraw(mine.request.id)"
          >
            {{ t('withdraw') }}
          </button>
        } @else {
          <div class="kinds" role="group" [attr.aria-label]="t('requestTitle')">
            @for (kind of kinds; track kind) {
              <button
                mat-flat-button
                type="button"
                class="action"
                data-testid="live-request-to-speak"
                [class]="'action kind-' + kind"
                [attr.data-kind]="kind"
                [disabled]="store.busy('request')"
                (click)="request(kind)"
              >
                {{ t('request.' + kind) }}
              </button>
            }
          </div>
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
    .state {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    .kinds {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .action {
      min-height: 48px;
    }
    .kind-point_of_order {
      background: var(--mat-sys-tertiary);
      color: var(--mat-sys-on-tertiary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpeakRequest {
  protected readonly store = inject(LivePageStore);
  protected readonly kinds = SpeechKindSchema.options;
  protected readonly speaking = computed(
    () => this.store.live.speakers()?.current?.participantId === this.store.live.viewer()?.participantId,
  );
  /** My request in the queue and its place (1-based). */
  protected readonly mine = computed(() => {
    const me = this.store.live.viewer()?.participantId;
    const queue = this.store.live.speakers()?.queue ?? [];
    const index = queue.findIndex((request) => request.participantId === me);
    return index < 0 ? null : { request: queue[index], place: index + 1 };
  });

  protected request(kind: SpeechKind): void {
    void this.store.run('request', 'speakers:request', { kind });
  }

  protected withdraw(requestId: string): void {
    void this.store.run('withdraw', 'speakers:withdraw', { requestId });
  }
}
