import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { isPresent } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { LivePageStore } from '../live-page/live-page-store';

/**
 * A commune site declares which of its commune's members are in its room: they count as present. The
 * list is its own commune's members (same unit); ticks start from what the site declared last.
 */
@Component({
  selector: 'ec-site-members',
  imports: [MatButtonModule, MatCheckboxModule, TranslocoDirective],
  template: `
    <ng-container *transloco="let t; prefix: 'live.site'">
      <section aria-labelledby="live-site-title" data-testid="live-site-members">
        <h2 id="live-site-title" class="title">{{ t('title', { unit: store.myEntry()?.unitName ?? '' }) }}</h2>
        @if (members().length) {
          <ul class="members">
            @for (member of members(); track member.participantId) {
              <li>
                <mat-checkbox
                  data-testid="live-site-member"
                  [attr.data-participant-id]="member.participantId"
                  [checked]="ticked().has(member.participantId)"
                  (change)="tick(member.participantId, $event.checked)"
                >
                  {{ member.displayName }}
                  @if (member.siteParticipantId !== me() && isPresent(member)) {
                    <span class="elsewhere">({{ t('presentElsewhere') }})</span>
                  }
                </mat-checkbox>
              </li>
            }
          </ul>
          <p class="count" aria-live="polite">{{ t('count', { count: ticked().size, total: members().length }) }}</p>
          <button
            mat-flat-button
            type="button"
            class="action"
            data-testid="live-site-save"
            [disabled]="store.busy('site-members')"
            (click)="save()"
          >
            {{ t('save') }}
          </button>
        } @else {
          <p class="empty">{{ t('empty') }}</p>
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
    .members {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      justify-items: start;
      gap: 0 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    mat-checkbox {
      min-height: 48px;
    }
    .elsewhere,
    .count,
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
    .action {
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteMembers {
  protected readonly store = inject(LivePageStore);
  protected readonly isPresent = isPresent;
  protected readonly me = computed(() => this.store.myEntry()?.participantId ?? null);
  /** My commune's members: same unit as this site, people (not other sites). */
  protected readonly members = computed(() => {
    const site = this.store.myEntry();
    return (this.store.live.attendance()?.entries ?? []).filter(
      (entry) =>
        !!site?.unitName &&
        entry.unitName === site.unitName &&
        entry.meetingRole !== 'site' &&
        entry.participantId !== site.participantId,
    );
  });
  /** Declared by this site now, per the server. */
  private readonly declared = computed(
    () =>
      new Set(
        this.members()
          .filter((entry) => entry.siteParticipantId === this.me() && isPresent(entry))
          .map((entry) => entry.participantId),
      ),
  );
  protected readonly ticked = signal<ReadonlySet<string>>(new Set());
  private dirty = false;

  constructor() {
    effect(() => {
      const declared = this.declared();
      untracked(() => {
        if (!this.dirty) this.ticked.set(declared);
      });
    });
  }

  protected tick(participantId: string, on: boolean): void {
    this.dirty = true;
    this.ticked.update((set) => {
      const next = new Set(set);
      if (on) next.add(participantId);
      else next.delete(participantId);
      return next;
    });
  }

  protected async save(): Promise<void> {
    const result = await this.store.run('site-members', 'attendance:site-members', {
      presentParticipantIds: [...this.ticked()],
    });
    if (result.ok) {
      this.dirty = false;
    }
  }
}
