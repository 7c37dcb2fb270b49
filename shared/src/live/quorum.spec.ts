import { DEFAULT_QUORUM_RULE } from './live-state';
import { computeQuorum, requiredForQuorum } from './quorum';

const members = (present: number, absent: number, nonVoting = 0) => [
  ...Array.from({ length: present }, () => ({ status: 'in_person' as const, votingMember: true })),
  ...Array.from({ length: absent }, () => ({ status: 'absent' as const, votingMember: true })),
  ...Array.from({ length: nonVoting }, () => ({ status: 'online' as const, votingMember: false })),
];

describe('quorum', () => {
  it('needs more than half by default: 7 of 13, 7 of 12', () => {
    expect(requiredForQuorum(DEFAULT_QUORUM_RULE, 13)).toBe(7);
    expect(requiredForQuorum(DEFAULT_QUORUM_RULE, 12)).toBe(7);
  });

  it('"at least two thirds": 8 of 12, 9 of 13', () => {
    const rule = { numerator: 2, denominator: 3, strict: false };
    expect(requiredForQuorum(rule, 12)).toBe(8);
    expect(requiredForQuorum(rule, 13)).toBe(9);
  });

  it('counts only present voting members', () => {
    expect(computeQuorum(DEFAULT_QUORUM_RULE, members(6, 6, 5))).toEqual({
      rule: DEFAULT_QUORUM_RULE,
      votingMembers: 12,
      present: 6,
      required: 7,
      reached: false,
    });
    expect(computeQuorum(DEFAULT_QUORUM_RULE, members(7, 5)).reached).toBe(true);
  });

  it('a meeting without voting members has no quorum', () => {
    expect(computeQuorum(DEFAULT_QUORUM_RULE, members(0, 0, 3)).reached).toBe(false);
  });
});
