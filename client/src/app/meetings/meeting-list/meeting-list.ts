import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../../core/auth/auth-store';
import { Icon } from '../../core/icons/icon';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { MeetingCard } from '../meeting-card/meeting-card';
import { MeetingsStore } from '../meetings-store';

/** The landing page: my upcoming and past meetings, with loading, empty and error states; "new meeting" for organisers. */
@Component({
  selector: 'ec-meeting-list',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoDirective,
    Icon,
    MeetingCard,
    ServerMessagePipe,
  ],
  templateUrl: './meeting-list.html',
  styleUrl: './meeting-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingList {
  private readonly auth = inject(AuthStore);

  protected readonly store = inject(MeetingsStore);
  protected readonly lang = inject(LanguagePreference).active;
  /** The server lets secretaries, chairs and admins create meetings (they become its secretary or chair). */
  protected readonly canCreate = computed(() => this.auth.hasRole('secretary', 'chair', 'admin'));

  constructor() {
    this.store.load();
  }

  protected retryLoad(): void {
    this.store.load();
  }
}
