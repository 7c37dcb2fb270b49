import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { ConferencePanel } from '../../conference/conference-panel/conference-panel';
import { Icon } from '../../core/icons/icon';
import { AgendaProgress } from '../agenda-progress/agenda-progress';
import { BallotBox } from '../ballot-box/ballot-box';
import { CurrentSpeaker } from '../current-speaker/current-speaker';
import { FollowPresenter } from '../follow-presenter';
import { LivePageStore } from '../live-page/live-page-store';
import { MyAttendance } from '../my-attendance/my-attendance';
import { PollResults } from '../poll-results/poll-results';
import { QuorumStatus } from '../quorum-status/quorum-status';
import { SiteMembers } from '../site-members/site-members';
import { SpeakRequest } from '../speak-request/speak-request';
import { SpeakerQueue } from '../speaker-queue/speaker-queue';

/**
 * A delegate's (or a commune site's) view of the session: check-in and proxy; the video bridge; the
 * floor, asking for it and the queue; the open poll's ballot and results; the agenda and documents, with
 * the presenter's one a tap away in the reader (which then follows the presenter).
 */
@Component({
  selector: 'ec-delegate-view',
  imports: [
    MatButtonModule,
    RouterLink,
    TranslocoDirective,
    Icon,
    AgendaProgress,
    BallotBox,
    ConferencePanel,
    CurrentSpeaker,
    MyAttendance,
    PollResults,
    QuorumStatus,
    SiteMembers,
    SpeakRequest,
    SpeakerQueue,
  ],
  templateUrl: './delegate-view.html',
  styleUrls: ['../live-layout.scss', './delegate-view.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DelegateView {
  protected readonly store = inject(LivePageStore);
  protected readonly follow = inject(FollowPresenter);
  protected readonly isSite = computed(() => this.store.role() === 'site');
  /** The presenter's document, to open in the reader (which then follows). */
  protected readonly presented = computed(() => {
    const position = this.follow.position();
    if (!position) {
      return null;
    }
    const title = this.store.meeting()?.documents.find((doc) => doc.id === position.documentId)?.title ?? null;
    return { ...position, title };
  });

  protected startFollowing(): void {
    this.follow.follow();
  }
}
