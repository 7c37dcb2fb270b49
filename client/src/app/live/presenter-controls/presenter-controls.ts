import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LivePageStore } from '../live-page/live-page-store';

/**
 * Who presents (their reader leads every follower): myself, someone else, or nobody; and the meeting's
 * documents, to open in the reader and present.
 */
@Component({
  selector: 'ec-presenter-controls',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, RouterLink, TranslocoDirective, Icon],
  templateUrl: './presenter-controls.html',
  styleUrl: './presenter-controls.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresenterControls {
  protected readonly store = inject(LivePageStore);
  protected readonly presentation = this.store.live.presentation;
  protected readonly me = computed(() => this.store.live.viewer()?.userId ?? null);
  protected readonly people = computed(() =>
    (this.store.live.attendance()?.entries ?? []).filter((entry) => entry.meetingRole !== 'site'),
  );
  protected readonly chosen = signal<string | null>(null);

  protected present(userId: string | null): void {
    void this.store.run('presenter', 'presenter:set', { userId });
  }
}
