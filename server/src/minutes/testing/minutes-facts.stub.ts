import type { PollState } from '@app/shared';

import type { MinutesAttendee, MinutesFacts } from '../minutes-draft';

/** Hanoi 08:00 on 23/11/2026 is 01:00 UTC. */
export const OPENED = new Date('2026-11-23T01:00:00Z');
const at = (minutes: number) => new Date(OPENED.getTime() + minutes * 60_000);

function attendee(overrides: Partial<MinutesAttendee> & Pick<MinutesAttendee, 'participantId' | 'displayName'>) {
  return {
    unitName: 'UBND huyện Sông Lam',
    meetingRole: 'delegate',
    kind: 'person',
    votingMember: true,
    status: 'in_person',
    reason: null,
    siteParticipantId: null,
    proxyHolderId: null,
    ...overrides,
  } satisfies MinutesAttendee;
}

export function closedPoll(overrides: Partial<PollState> = {}): PollState {
  return {
    id: 'poll-1',
    agendaItemId: 'item-1',
    question: 'Thông qua Tờ trình kế hoạch đầu tư công năm 2027',
    kind: 'open',
    options: [
      { key: 'yes', label: 'Tán thành' },
      { key: 'no', label: 'Không tán thành' },
      { key: 'abstain', label: 'Không biểu quyết' },
    ],
    maxChoices: 1,
    status: 'closed',
    openedAt: at(30).toISOString(),
    closedAt: at(35).toISOString(),
    eligible: 3,
    ballots: 3,
    counts: { yes: 2, no: 1, abstain: 0 },
    votes: null,
    ...overrides,
  };
}

/** A meeting that went live at 08:00 and closed at 11:30, with every kind of record. */
export function minutesFacts(overrides: Partial<MinutesFacts> = {}): MinutesFacts {
  return {
    meeting: {
      title: 'Kỳ họp thứ Mười hai, Hội đồng nhân dân huyện',
      startsAt: OPENED,
      endsAt: at(210),
      place: 'Hội trường UBND huyện Sông Lam',
      mode: 'hybrid',
      organiserName: 'UBND huyện Sông Lam',
      openedAt: OPENED,
      closedAt: at(210),
    },
    agenda: [
      { id: 'item-2', position: 2, title: 'Báo cáo kinh tế - xã hội 9 tháng', presenter: null },
      { id: 'item-1', position: 1, title: 'Tờ trình kế hoạch đầu tư công 2027', presenter: 'Phòng Tài chính' },
    ],
    attendance: [
      attendee({ participantId: 'p-chair', displayName: 'Trần Văn Đức', meetingRole: 'chair' }),
      attendee({
        participantId: 'p-secretary',
        displayName: 'Nguyễn Thị Thu',
        meetingRole: 'secretary',
        votingMember: false,
      }),
      attendee({ participantId: 'p-phuong', displayName: 'Lê Hoàng Phương', status: 'online' }),
      attendee({
        participantId: 'p-mai',
        displayName: 'Phạm Thị Mai',
        status: 'absent',
        reason: 'Đi công tác tỉnh',
        proxyHolderId: 'p-phuong',
      }),
      attendee({
        participantId: 'p-site',
        displayName: 'Điểm cầu Xã An Bình',
        unitName: 'UBND xã An Bình',
        meetingRole: 'site',
        kind: 'site',
        votingMember: false,
        status: 'unknown',
      }),
      attendee({
        participantId: 'p-hoa',
        displayName: 'Đỗ Văn Hòa',
        unitName: 'UBND xã An Bình',
        status: 'in_person',
        siteParticipantId: 'p-site',
      }),
    ],
    speeches: [
      {
        displayName: 'Lê Hoàng Phương',
        unitName: 'UBND huyện Sông Lam',
        kind: 'question',
        agendaItemId: 'item-1',
        startedAt: at(15),
        endedAt: at(19),
      },
      {
        displayName: 'Đỗ Văn Hòa',
        unitName: 'UBND xã An Bình',
        kind: 'speech',
        agendaItemId: 'item-1',
        startedAt: at(10),
        endedAt: at(13),
      },
    ],
    polls: [closedPoll()],
    conclusions: [
      { agendaItemId: 'item-1', text: 'Thống nhất thông qua kế hoạch.\n# Giao Phòng Tài chính hoàn thiện hồ sơ.' },
    ],
    ...overrides,
  };
}
