import type { AttendanceEntry } from '@app/shared';

import type { Participant } from '../../meetings/participant.entity';
import type { AttendanceRecord } from './attendance.entity';

/** Needs `user.unit` loaded. A participant without a record is `unknown`. */
export function mapAttendanceEntry(participant: Participant, record: AttendanceRecord | undefined): AttendanceEntry {
  return {
    participantId: participant.id,
    userId: participant.userId,
    displayName: participant.user.displayName,
    unitName: participant.user.unit?.name ?? null,
    meetingRole: participant.meetingRole,
    votingMember: participant.votingMember,
    status: record?.status ?? 'unknown',
    reason: record?.reason ?? null,
    source: record?.source ?? null,
    siteParticipantId: record?.siteParticipantId ?? null,
    checkedInAt: record?.checkedInAt ? new Date(record.checkedInAt).toISOString() : null,
    proxyHolderId: record?.proxyHolderParticipantId ?? null,
  };
}
