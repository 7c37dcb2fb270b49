import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDragPlaceholder, CdkDropList } from '@angular/cdk/drag-drop';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { SpeakerRequest } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LivePageStore } from '../live-page/live-page-store';

/** Time limits the chair gives the floor with (seconds; null: no limit). */
export const FLOOR_LIMITS: (number | null)[] = [60, 120, 180, 300, 420, 600, 900, null];

/**
 * The queue of requests to speak, in the order the floor will be given, seen by everyone. The chair
 * reorders it (drag the handle, or the up/down buttons), gives the floor with a time limit, or removes
 * a request. A reorder shows at once and is put back if the server refuses.
 */
@Component({
  selector: 'ec-speaker-queue',
  imports: [
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    CdkDragPlaceholder,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslocoDirective,
    Icon,
  ],
  templateUrl: './speaker-queue.html',
  styleUrl: './speaker-queue.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpeakerQueue {
  private readonly announcer = inject(LiveAnnouncer);
  private readonly transloco = inject(TranslocoService);

  protected readonly store = inject(LivePageStore);
  protected readonly limits = FLOOR_LIMITS;
  protected readonly limit = signal<number | null>(180);
  /** The order just asked for, until the server's queue arrives. */
  private readonly localOrder = signal<string[] | null>(null);
  private readonly serverQueue = computed(() => this.store.live.speakers()?.queue ?? []);
  protected readonly queue = computed(() => {
    const queue = this.serverQueue();
    const order = this.localOrder();
    if (!order) {
      return queue;
    }
    const byId = new Map(queue.map((request) => [request.id, request]));
    const ordered = order.map((id) => byId.get(id)).filter((request): request is SpeakerRequest => !!request);
    return ordered.length === queue.length ? ordered : queue;
  });
  protected readonly me = computed(() => this.store.live.viewer()?.participantId ?? null);

  constructor() {
    effect(() => {
      this.serverQueue();
      untracked(() => this.localOrder.set(null));
    });
  }

  protected drop(event: CdkDragDrop<SpeakerRequest[]>): void {
    this.move(event.previousIndex, event.currentIndex);
  }

  protected async move(from: number, to: number): Promise<void> {
    const queue = this.queue();
    if (from === to || to < 0 || to >= queue.length) {
      return;
    }
    const ids = queue.map((request) => request.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved);
    this.localOrder.set(ids);
    const result = await this.store.run('reorder', 'speakers:reorder', { requestIds: ids });
    if (result.ok) {
      void this.announcer.announce(
        this.transloco.translate('live.speakers.moved', { name: queue[from].displayName, position: to + 1 }),
      );
    } else {
      this.localOrder.set(null);
    }
  }

  protected giveFloor(request: SpeakerRequest): void {
    void this.store.run(`floor:${request.id}`, 'speakers:give-floor', {
      requestId: request.id,
      limitSeconds: this.limit(),
    });
  }

  protected remove(request: SpeakerRequest): void {
    void this.store.run(`withdraw:${request.id}`, 'speakers:withdraw', { requestId: request.id });
  }
}
