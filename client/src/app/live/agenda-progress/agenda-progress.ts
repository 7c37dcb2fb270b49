import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';

import { LivePageStore } from '../live-page/live-page-store';

/** The agenda with the item under discussion marked; organisers move the meeting to another item. */
@Component({
  selector: 'ec-agenda-progress',
  imports: [MatButtonModule, TranslocoDirective],
  templateUrl: './agenda-progress.html',
  styleUrl: './agenda-progress.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgendaProgress {
  protected readonly store = inject(LivePageStore);
  protected readonly currentIndex = computed(() =>
    this.store.agenda().findIndex((item) => item.id === this.store.currentItemId()),
  );

  protected setCurrent(agendaItemId: string | null): void {
    void this.store.run('current-item', 'meeting:current-item', { agendaItemId });
  }
}
