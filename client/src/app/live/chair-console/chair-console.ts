import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { ConferencePanel } from '../../conference/conference-panel/conference-panel';
import { AgendaProgress } from '../agenda-progress/agenda-progress';
import { AttendancePanel } from '../attendance-panel/attendance-panel';
import { BallotBox } from '../ballot-box/ballot-box';
import { ConclusionEditor } from '../conclusion-editor/conclusion-editor';
import { CurrentSpeaker } from '../current-speaker/current-speaker';
import { LivePageStore } from '../live-page/live-page-store';
import { PollControl } from '../poll-control/poll-control';
import { PollResults } from '../poll-results/poll-results';
import { PresenterControls } from '../presenter-controls/presenter-controls';
import { SpeakerQueue } from '../speaker-queue/speaker-queue';

/**
 * The chair's (and secretary's) console on a landscape tablet: the video bridge and its moderation across
 * the top; agenda, conclusions and presenter on the left; the floor, the queue and the poll (with the
 * chair's own ballot) in the middle; attendance and quorum on the right.
 */
@Component({
  selector: 'ec-chair-console',
  imports: [
    AgendaProgress,
    AttendancePanel,
    BallotBox,
    ConclusionEditor,
    ConferencePanel,
    CurrentSpeaker,
    PollControl,
    PollResults,
    PresenterControls,
    SpeakerQueue,
  ],
  template: `
    <div class="console" data-testid="live-chair-console">
      @if (store.meetingId(); as meetingId) {
        <ec-conference-panel class="panel bar" [meetingId]="meetingId" [moderator]="true" />
      }
      <div class="column">
        <ec-agenda-progress class="panel" />
        <ec-conclusion-editor class="panel" />
        <ec-presenter-controls class="panel" />
      </div>
      <div class="column">
        <ec-current-speaker class="panel" />
        <ec-speaker-queue class="panel" />
        <ec-poll-control class="panel" />
        @if (votes()) {
          <ec-ballot-box class="panel" [showTally]="false" />
        }
        <ec-poll-results class="panel" />
      </div>
      <div class="column">
        <ec-attendance-panel class="panel" />
      </div>
    </div>
  `,
  styleUrl: '../live-layout.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChairConsole {
  protected readonly store = inject(LivePageStore);
  /** A chair who votes gets their ballot here while a poll is open. */
  protected readonly votes = computed(
    () => !!this.store.live.polls()?.active && !!this.store.live.viewer()?.represents.length,
  );
}
