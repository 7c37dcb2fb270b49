import { AttendanceEntry, computeQuorum, DEFAULT_QUORUM_RULE, LiveSnapshot, LiveViewer, PollState } from '@app/shared';

export const LIVE_MEETING_ID = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0c0001';
export const LIVE_ITEM_IDS = ['0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ca001', '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ca002'];
/** Participant ids of the stub meeting. */
export const PIDS = {
  chair: '1c4a8b52-8f1e-4d52-9a57-000000000001',
  secretary: '1c4a8b52-8f1e-4d52-9a57-000000000002',
  delegate: '1c4a8b52-8f1e-4d52-9a57-000000000003',
  delegate2: '1c4a8b52-8f1e-4d52-9a57-000000000004',
  site: '1c4a8b52-8f1e-4d52-9a57-000000000005',
  commune1: '1c4a8b52-8f1e-4d52-9a57-000000000006',
  commune2: '1c4a8b52-8f1e-4d52-9a57-000000000007',
};
/** User ids, same order. */
export const UIDS = {
  chair: '2d5b9c63-8f1e-4d52-9a57-000000000001',
  secretary: '2d5b9c63-8f1e-4d52-9a57-000000000002',
  delegate: '2d5b9c63-8f1e-4d52-9a57-000000000003',
  delegate2: '2d5b9c63-8f1e-4d52-9a57-000000000004',
  site: '2d5b9c63-8f1e-4d52-9a57-000000000005',
  commune1: '2d5b9c63-8f1e-4d52-9a57-000000000006',
  commune2: '2d5b9c63-8f1e-4d52-9a57-000000000007',
};
export const POLL_ID = '3e6cad74-8f1e-4d52-9a57-000000000001';
export const DOC_ID = '4f7dbe85-8f1e-4d52-9a57-000000000001';

export function entryStub(key: keyof typeof PIDS, overrides: Partial<AttendanceEntry> = {}): AttendanceEntry {
  const names: Record<keyof typeof PIDS, [string, string | null, AttendanceEntry['meetingRole'], boolean]> = {
    chair: ['Lê Văn Chủ', 'Huyện Sông Lam', 'chair', true],
    secretary: ['Nguyễn Thị Thư', 'Huyện Sông Lam', 'secretary', false],
    delegate: ['Trần Văn Đại', 'Huyện Sông Lam', 'delegate', true],
    delegate2: ['Phạm Thị Biểu', 'Huyện Sông Lam', 'delegate', true],
    site: ['Điểm cầu xã An Bình', 'Xã An Bình', 'site', false],
    commune1: ['Hoàng Văn Xã', 'Xã An Bình', 'delegate', true],
    commune2: ['Đỗ Thị Thôn', 'Xã An Bình', 'delegate', true],
  };
  const [displayName, unitName, meetingRole, votingMember] = names[key];
  return {
    participantId: PIDS[key],
    userId: UIDS[key],
    displayName,
    unitName,
    meetingRole,
    votingMember,
    status: 'unknown',
    reason: null,
    source: null,
    siteParticipantId: null,
    checkedInAt: null,
    proxyHolderId: null,
    ...overrides,
  };
}

export function pollStub(overrides: Partial<PollState> = {}): PollState {
  return {
    id: POLL_ID,
    agendaItemId: LIVE_ITEM_IDS[1],
    question: 'Thông qua dự toán ngân sách năm 2027?',
    kind: 'open',
    options: [
      { key: 'yes', label: 'Tán thành' },
      { key: 'no', label: 'Không tán thành' },
      { key: 'abstain', label: 'Không biểu quyết' },
    ],
    maxChoices: 1,
    status: 'open',
    openedAt: '2026-11-24T02:00:00.000Z',
    closedAt: null,
    eligible: 4,
    ballots: 0,
    counts: { yes: 0, no: 0, abstain: 0 },
    votes: null,
    ...overrides,
  };
}

/** A live meeting seen by `as` (default: the delegate), at version 5. */
export function liveSnapshotStub(
  overrides: Partial<LiveSnapshot> = {},
  as: keyof typeof PIDS = 'delegate',
): LiveSnapshot {
  const entries =
    overrides.attendance?.entries ?? (Object.keys(PIDS) as (keyof typeof PIDS)[]).map((k) => entryStub(k));
  const me = entries.find((entry) => entry.participantId === PIDS[as]) ?? entryStub(as);
  const viewer: LiveViewer = {
    participantId: me.participantId,
    userId: me.userId,
    meetingRole: me.meetingRole,
    votingMember: me.votingMember,
    represents: [
      ...(me.votingMember ? [me.participantId] : []),
      ...entries.filter((e) => e.proxyHolderId === me.participantId && e.votingMember).map((e) => e.participantId),
    ],
    votedInActivePoll: [],
  };
  return {
    meetingId: LIVE_MEETING_ID,
    version: 5,
    serverTime: new Date().toISOString(),
    viewer,
    meeting: { status: 'live', currentAgendaItemId: LIVE_ITEM_IDS[0] },
    attendance: { entries, quorum: computeQuorum(DEFAULT_QUORUM_RULE, entries) },
    presentation: { presenterUserId: null, presenterName: null, position: null },
    speakers: { queue: [], current: null },
    polls: { active: null, closed: [] },
    conclusions: [],
    ...overrides,
  };
}
