import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LivePageStore } from '../live-page/live-page-store';
import { speakingClock } from '../speaking-time';

/**
 * Who has the floor, on what item, and the timer counting down on the server's clock (warning in the last
 * 30 s, "time's up" at the end); the chair ends the slot. Screen readers hear the speaker and the
 * warnings, not every second.
 */
@Component({
  selector: 'ec-current-speaker',
  imports: [MatButtonModule, TranslocoDirective, Icon],
  templateUrl: './current-speaker.html',
  styleUrl: './current-speaker.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CurrentSpeaker {
  protected readonly store = inject(LivePageStore);
  private readonly tick = signal(0);

  protected readonly slot = computed(() => this.store.live.speakers()?.current ?? null);
  protected readonly clock = computed(() => {
    this.tick();
    const slot = this.slot();
    return slot ? speakingClock(slot, this.store.live.serverNow()) : null;
  });
  protected readonly isMe = computed(() => this.slot()?.participantId === this.store.live.viewer()?.participantId);
  /** Changes only at the moments worth saying out loud: a new speaker, 30 s left, time's up. */
  protected readonly phase = computed(() => {
    const state = this.clock()?.state;
    return !this.slot() ? null : state === 'warning' || state === 'over' ? state : 'start';
  });

  constructor() {
    const timer = setInterval(() => this.tick.update((n) => n + 1), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected end(): void {
    void this.store.run('end-speech', 'speakers:end', {});
  }
}
