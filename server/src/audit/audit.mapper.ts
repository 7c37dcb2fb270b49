import type { AuditEntryResponse } from '@app/shared';

import type { AuditLogEntry } from './audit-log-entry.entity';

export function mapAuditEntry(entry: AuditLogEntry): AuditEntryResponse {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action,
    actorId: entry.actorId,
    actorName: entry.actorName,
    meetingId: entry.meetingId,
    subjectId: entry.subjectId,
    ip: entry.ip,
    details: entry.details,
  };
}
