/**
 * A ballot that has been sent (or is about to be) and not yet acknowledged. Its `ballotId` is made once
 * per (poll, represented member) and kept, in localStorage too, until the server acknowledges it or the
 * poll closes: every retry, even after a reload, carries the same id, so the server never counts two.
 */
export interface PendingBallot {
  meetingId: string;
  pollId: string;
  memberParticipantId: string;
  ballotId: string;
  choices: string[];
}

export const BALLOT_STORAGE_KEY = 'ec.live.ballots';

function ballotKey(pollId: string, memberParticipantId: string): string {
  return `${pollId}:${memberParticipantId}`;
}

/** The unacknowledged ballots, in memory and mirrored in localStorage (when the browser allows it). */
export class BallotOutbox {
  private readonly ballots = new Map<string, PendingBallot>();

  constructor(
    private readonly storage: Storage | null,
    private readonly newId: () => string,
  ) {
    for (const ballot of this.read()) {
      this.ballots.set(ballotKey(ballot.pollId, ballot.memberParticipantId), ballot);
    }
  }

  get(pollId: string, memberParticipantId: string): PendingBallot | null {
    return this.ballots.get(ballotKey(pollId, memberParticipantId)) ?? null;
  }

  /**
   * The pending ballot of this member in this poll; a new one (new id, these choices) only when there is
   * none. An existing one keeps its id and its choices: a retry must say the same thing.
   */
  take(meetingId: string, pollId: string, memberParticipantId: string, choices: string[]): PendingBallot {
    const existing = this.get(pollId, memberParticipantId);
    if (existing) {
      return existing;
    }
    const ballot: PendingBallot = { meetingId, pollId, memberParticipantId, ballotId: this.newId(), choices };
    this.ballots.set(ballotKey(pollId, memberParticipantId), ballot);
    this.write();
    return ballot;
  }

  remove(pollId: string, memberParticipantId: string): void {
    if (this.ballots.delete(ballotKey(pollId, memberParticipantId))) {
      this.write();
    }
  }

  list(meetingId?: string): PendingBallot[] {
    return [...this.ballots.values()].filter((ballot) => meetingId === undefined || ballot.meetingId === meetingId);
  }

  private read(): PendingBallot[] {
    try {
      const raw = this.storage?.getItem(BALLOT_STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter(isPendingBallot) : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (this.ballots.size) {
        this.storage?.setItem(BALLOT_STORAGE_KEY, JSON.stringify([...this.ballots.values()]));
      } else {
        this.storage?.removeItem(BALLOT_STORAGE_KEY);
      }
    } catch {
      // Storage full or disabled: the ballot is still kept in memory for this visit.
    }
  }
}

function isPendingBallot(value: unknown): value is PendingBallot {
  const ballot = value as Partial<PendingBallot> | null;
  return (
    !!ballot &&
    typeof ballot.meetingId === 'string' &&
    typeof ballot.pollId === 'string' &&
    typeof ballot.memberParticipantId === 'string' &&
    typeof ballot.ballotId === 'string' &&
    Array.isArray(ballot.choices) &&
    ballot.choices.every((choice) => typeof choice === 'string')
  );
}
