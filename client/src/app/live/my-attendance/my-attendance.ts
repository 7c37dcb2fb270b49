import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LivePageStore } from '../live-page/live-page-store';

/** "I am here" (in the hall, or online), and for voting members giving their vote to another member or taking it back. */
@Component({
  selector: 'ec-my-attendance',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, TranslocoDirective, Icon],
  templateUrl: './my-attendance.html',
  styleUrl: './my-attendance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyAttendance {
  protected readonly store = inject(LivePageStore);
  protected readonly me = this.store.myEntry;
  private readonly entries = computed(() => this.store.live.attendance()?.entries ?? []);
  protected readonly holderName = computed(() => {
    const holder = this.me()?.proxyHolderId;
    return holder ? (this.entries().find((entry) => entry.participantId === holder)?.displayName ?? '') : null;
  });
  /** Members who could hold my vote. */
  protected readonly candidates = computed(() =>
    this.entries().filter(
      (entry) => entry.votingMember && entry.meetingRole !== 'site' && entry.participantId !== this.me()?.participantId,
    ),
  );
  /** Members who gave me their vote. */
  protected readonly held = computed(() =>
    this.entries()
      .filter((entry) => entry.proxyHolderId && entry.proxyHolderId === this.me()?.participantId)
      .map((entry) => entry.displayName),
  );
  protected readonly online = computed(() => this.store.meeting()?.mode !== 'in_person');
  protected readonly holder = signal<string | null>(null);

  protected checkIn(status: 'in_person' | 'online'): void {
    void this.store.run('check-in', 'attendance:check-in', { status });
  }

  protected giveProxy(holderParticipantId: string | null): void {
    void this.store.run('proxy', 'attendance:proxy', { holderParticipantId }).then((result) => {
      if (result.ok) this.holder.set(null);
    });
  }
}
