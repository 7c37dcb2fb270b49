import { afterNextRender, ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ErrorCode } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { ConferenceChair } from '../conference-chair/conference-chair';
import { ConferenceClient } from '../conference-client';
import { ConferenceControls } from '../conference-controls/conference-controls';
import { ConferenceModeration } from '../conference-moderation';
import { ConferenceTile } from '../conference-tile/conference-tile';
import { Icon } from '../../core/icons/icon';
import { MediaTrack } from '../media-track';

/**
 * The video bridge on the live page: the one heard last (or given the floor, or a shared screen) large,
 * everyone else small, one's own controls, the recording state; for the chair, the moderation console.
 * Joining is a tap (it asks for the camera and microphone); leaving the page leaves the video.
 */
@Component({
  selector: 'ec-conference-panel',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoDirective,
    ServerMessagePipe,
    ConferenceChair,
    ConferenceControls,
    ConferenceTile,
    Icon,
    MediaTrack,
  ],
  providers: [ConferenceClient, ConferenceModeration],
  templateUrl: './conference-panel.html',
  styleUrl: './conference-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConferencePanel {
  readonly meetingId = input.required<string>();
  /** Chair or secretary: the moderation console too (the server checks again). */
  readonly moderator = input(false);

  protected readonly client = inject(ConferenceClient);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly layout = this.client.layout;
  protected readonly inside = computed(() => ['joining', 'joined', 'reconnecting'].includes(this.client.phase()));
  protected readonly unsupported = computed(() => this.client.failure()?.code === ErrorCode.UnsupportedMediaType);
  /** Locked and not an organiser: one's microphone opens only with the floor. */
  protected readonly lockedOut = computed(() => this.client.locked() && !this.moderator());

  constructor() {
    // The device loads while the join button is read: tapping it is then one round trip.
    afterNextRender(() => this.client.prepare(this.meetingId()));
  }

  protected join(): void {
    void this.client.join(this.meetingId());
  }
}
