import type { AttendanceEntry, QuorumRule, QuorumState } from './live-state';

/** Present means in the hall, online, or declared present by the member's commune site. */
export function isPresent(entry: Pick<AttendanceEntry, 'status'>): boolean {
  return entry.status === 'in_person' || entry.status === 'online';
}

/** The smallest number present that reaches the rule, e.g. 1/2 strict of 13 → 7, of 12 → 7. */
export function requiredForQuorum(rule: QuorumRule, votingMembers: number): number {
  const share = (votingMembers * rule.numerator) / rule.denominator;
  return rule.strict ? Math.floor(share) + 1 : Math.ceil(share);
}

export function computeQuorum(
  rule: QuorumRule,
  entries: readonly Pick<AttendanceEntry, 'status' | 'votingMember'>[],
): QuorumState {
  const voting = entries.filter((entry) => entry.votingMember);
  const present = voting.filter(isPresent).length;
  const required = requiredForQuorum(rule, voting.length);
  return { rule, votingMembers: voting.length, present, required, reached: voting.length > 0 && present >= required };
}
