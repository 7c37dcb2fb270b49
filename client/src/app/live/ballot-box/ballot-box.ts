import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatRadioModule } from '@angular/material/radio';
import { PollState } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LivePageStore } from '../live-page/live-page-store';
import { PollTally } from '../poll-tally/poll-tally';

export type BallotStage = 'choosing' | 'confirming' | 'sending' | 'voted';

/**
 * The open poll's ballots: one per member this delegate votes for (themself, and whoever gave them a
 * proxy). Choose (one or up to `maxChoices`), confirm, then "sent…" until the server acknowledges it
 * — a lost answer is retried with the same ballot — and "voted". The live count follows underneath.
 */
@Component({
  selector: 'ec-ballot-box',
  imports: [MatButtonModule, MatCheckboxModule, MatRadioModule, TranslocoDirective, Icon, PollTally],
  templateUrl: './ballot-box.html',
  styleUrl: './ballot-box.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BallotBox {
  /** The live count under the ballots; the chair's console shows it with the poll controls instead. */
  readonly showTally = input(true);

  protected readonly store = inject(LivePageStore);
  private readonly live = this.store.live;
  /** Choices per `${pollId}:${member}`, before they are sent. */
  private readonly selections = signal<Record<string, string[]>>({});
  private readonly confirming = signal<ReadonlySet<string>>(new Set());

  protected readonly poll = computed(() => this.live.polls()?.active ?? null);
  /** The members whose ballot I cast: myself unless I gave my vote away, and those who gave me theirs. */
  protected readonly members = computed(() => {
    const viewer = this.live.viewer();
    const entries = this.live.attendance()?.entries ?? [];
    if (!viewer) {
      return [];
    }
    const names = new Map(entries.map((entry) => [entry.participantId, entry]));
    return viewer.represents
      .filter((id) => !(id === viewer.participantId && names.get(id)?.proxyHolderId))
      .map((id) => ({ id, name: names.get(id)?.displayName ?? '', self: id === viewer.participantId }));
  });

  protected stageOf(poll: PollState, member: string): BallotStage {
    if (this.live.viewer()?.votedInActivePoll.includes(member)) return 'voted';
    if (this.live.pendingBallots().some((b) => b.pollId === poll.id && b.memberParticipantId === member)) {
      return 'sending';
    }
    return this.confirming().has(key(poll, member)) ? 'confirming' : 'choosing';
  }

  protected chosen(poll: PollState, member: string): string[] {
    const pending = this.live.pendingBallots().find((b) => b.pollId === poll.id && b.memberParticipantId === member);
    return pending?.choices ?? this.selections()[key(poll, member)] ?? [];
  }

  protected labels(poll: PollState, choices: string[]): string {
    return choices.map((choice) => poll.options.find((o) => o.key === choice)?.label ?? choice).join(', ');
  }

  protected choose(poll: PollState, member: string, option: string): void {
    this.selections.update((all) => ({ ...all, [key(poll, member)]: [option] }));
  }

  protected toggle(poll: PollState, member: string, option: string, on: boolean): void {
    const current = this.selections()[key(poll, member)] ?? [];
    const next = on ? [...current.filter((c) => c !== option), option] : current.filter((c) => c !== option);
    if (next.length <= poll.maxChoices) {
      this.selections.update((all) => ({ ...all, [key(poll, member)]: next }));
    }
  }

  protected review(poll: PollState, member: string): void {
    if (this.chosen(poll, member).length) {
      this.confirming.update((set) => new Set([...set, key(poll, member)]));
    }
  }

  protected change(poll: PollState, member: string): void {
    this.confirming.update((set) => new Set([...set].filter((k) => k !== key(poll, member))));
  }

  protected cast(poll: PollState, member: string): void {
    const choices = this.chosen(poll, member);
    this.change(poll, member);
    void this.live.castBallot(poll.id, member, choices);
  }
}

function key(poll: PollState, member: string): string {
  return `${poll.id}:${member}`;
}
