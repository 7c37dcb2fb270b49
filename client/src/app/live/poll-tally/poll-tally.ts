import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { PollState } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

/**
 * A poll's count: ballots cast of those eligible, then per option a bar with its number (or, for a secret
 * poll still open, only how many voted), and for a named poll who chose what. Changes are announced.
 */
@Component({
  selector: 'ec-poll-tally',
  imports: [TranslocoDirective],
  templateUrl: './poll-tally.html',
  styleUrl: './poll-tally.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PollTally {
  readonly poll = input.required<PollState>();
  /** Shows the question as a heading (results list) or not (under the ballot, which already shows it). */
  readonly showQuestion = input(true);

  protected readonly rows = computed(() => {
    const poll = this.poll();
    const counts = poll.counts;
    if (!counts) {
      return null;
    }
    const base = Math.max(poll.ballots, 1);
    return poll.options.map((option) => {
      const count = counts[option.key] ?? 0;
      return { ...option, count, percent: Math.round((count / base) * 100) };
    });
  });
  protected readonly labels = computed(() => new Map(this.poll().options.map((o) => [o.key, o.label])));
  protected readonly turnout = computed(() => {
    const poll = this.poll();
    return poll.eligible ? Math.round((poll.ballots / poll.eligible) * 100) : 0;
  });
}
