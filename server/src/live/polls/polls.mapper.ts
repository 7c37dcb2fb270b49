import type { NamedVote, PollOption, PollState } from '@app/shared';

import type { Poll } from './poll.entity';

/** The default options: yes / no / abstain, as the People's Council votes. */
export const DEFAULT_POLL_OPTIONS: readonly PollOption[] = [
  { key: 'yes', label: 'Tán thành' },
  { key: 'no', label: 'Không tán thành' },
  { key: 'abstain', label: 'Không biểu quyết' },
];

/** Custom options get the keys opt1, opt2... in the order given. */
export function pollOptions(labels: readonly string[] | undefined): PollOption[] {
  return labels ? labels.map((label, index) => ({ key: `opt${index + 1}`, label })) : [...DEFAULT_POLL_OPTIONS];
}

export interface PollFigures {
  ballots: number;
  /** Count per option key. */
  tallies: ReadonlyMap<string, number>;
  /** Named polls: who voted what. */
  votes: NamedVote[];
}

/** A secret poll shows how many voted while it is open, its counts once closed; only named polls show votes. */
export function mapPoll(poll: Poll, figures: PollFigures): PollState {
  const hideCounts = poll.kind === 'secret' && poll.status === 'open';
  return {
    id: poll.id,
    agendaItemId: poll.agendaItemId,
    question: poll.question,
    kind: poll.kind,
    options: poll.options,
    maxChoices: poll.maxChoices,
    status: poll.status,
    openedAt: new Date(poll.openedAt).toISOString(),
    closedAt: poll.closedAt ? new Date(poll.closedAt).toISOString() : null,
    eligible: poll.eligibleCount,
    ballots: figures.ballots,
    counts: hideCounts
      ? null
      : Object.fromEntries(poll.options.map((option) => [option.key, figures.tallies.get(option.key) ?? 0])),
    votes: poll.kind === 'named' ? figures.votes : null,
  };
}
