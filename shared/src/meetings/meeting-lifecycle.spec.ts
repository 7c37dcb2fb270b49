import {
  allowedTransitions,
  isLegalTransition,
  isMeetingEditable,
  isPreparationOpen,
  MeetingStatus,
  MeetingStatusSchema,
  MeetingTransitionSchema,
  transitionProblem,
} from '../index';

const legal: [MeetingStatus, MeetingStatus][] = [
  ['draft', 'scheduled'],
  ['draft', 'cancelled'],
  ['scheduled', 'live'],
  ['scheduled', 'cancelled'],
  ['live', 'closed'],
  ['closed', 'archived'],
];

describe('meeting lifecycle', () => {
  it.each(legal)('allows %s → %s', (from, to) => {
    expect(isLegalTransition(from, to)).toBe(true);
  });

  it('allows nothing else (all 36 pairs checked)', () => {
    const statuses = MeetingStatusSchema.options;
    const allowed = statuses.flatMap((from) =>
      statuses.filter((to) => isLegalTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(legal.map(([from, to]) => `${from}→${to}`).sort());
  });

  it('needs a reason to cancel a scheduled meeting but not a draft', () => {
    expect(transitionProblem('scheduled', 'cancelled')).toBe('reason_required');
    expect(transitionProblem('scheduled', 'cancelled', '   ')).toBe('reason_required');
    expect(transitionProblem('scheduled', 'cancelled', 'Bão số 5')).toBeNull();
    expect(transitionProblem('draft', 'cancelled')).toBeNull();
  });

  it('reports an illegal move before a missing reason', () => {
    expect(transitionProblem('archived', 'cancelled')).toBe('illegal');
    expect(transitionProblem('live', 'draft')).toBe('illegal');
    expect(transitionProblem('closed', 'closed')).toBe('illegal');
  });

  it('offers transitions to chairs and secretaries only', () => {
    expect(allowedTransitions('scheduled', 'secretary')).toEqual(['live', 'cancelled']);
    expect(allowedTransitions('live', 'chair')).toEqual(['closed']);
    expect(allowedTransitions('scheduled', 'delegate')).toEqual([]);
    expect(allowedTransitions('archived', 'chair')).toEqual([]);
  });

  it('keeps details editable until the start and the agenda until the close', () => {
    expect(MeetingStatusSchema.options.filter(isMeetingEditable)).toEqual(['draft', 'scheduled']);
    expect(MeetingStatusSchema.options.filter(isPreparationOpen)).toEqual(['draft', 'scheduled', 'live']);
  });

  it('validates the transition body', () => {
    expect(MeetingTransitionSchema.safeParse({ to: 'live' }).success).toBe(true);
    expect(MeetingTransitionSchema.safeParse({ to: 'party' }).error?.issues[0].path).toEqual(['to']);
    expect(MeetingTransitionSchema.safeParse({ to: 'live', extra: 1 }).success).toBe(false);
  });
});
