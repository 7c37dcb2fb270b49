import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective } from '@jsverse/transloco';

import { MeetingCard } from '../meeting-card/meeting-card';
import { MeetingsStore } from '../meetings-store';

/** The landing page: upcoming and past meetings, with loading, empty and error states. */
@Component({
  selector: 'ec-meeting-list',
  imports: [MatButtonModule, MatProgressBarModule, TranslocoDirective, MeetingCard],
  templateUrl: './meeting-list.html',
  styleUrl: './meeting-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingList {
  protected readonly store = inject(MeetingsStore);

  constructor() {
    this.store.load();
  }

  protected retryLoad(): void {
    this.store.load();
  }
}
