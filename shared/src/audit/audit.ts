import * as z from 'zod';

/** What the audit log records. Dotted `<subject>.<verb>`, stable: filters and reports use them. */
export const AuditActionSchema = z.enum([
  'auth.login',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'auth.password_changed',
  'meeting.created',
  'meeting.updated',
  'meeting.status_changed',
  'participant.added',
  'participant.removed',
  'participant.updated',
  'agenda.created',
  'agenda.updated',
  'agenda.deleted',
  'agenda.reordered',
  'document.uploaded',
  'document.version_added',
  'document.deleted',
  'document.access_changed',
  'document.updated',
  'archive.exported',
  'archive.downloaded',
  'speaker.floor_given',
  'speaker.floor_ended',
  'speaker.queue_reordered',
  'speaker.request_withdrawn',
  'conclusion.set',
  'conclusion.deleted',
  'poll.opened',
  'poll.closed',
  'minutes.generated',
  'minutes.updated',
  'minutes.finalized',
  'attendance.marked',
  'attendance.site_declared',
  'attendance.proxy_changed',
  'attendance.quorum_rule_changed',
  'conference.muted',
  'conference.unmuted',
  'conference.muted_all',
  'conference.locked',
  'conference.unlocked',
  'conference.removed',
  'conference.readmitted',
  'conference.recording_started',
  'conference.recording_stopped',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const ListAuditQuerySchema = z
  .object({
    actorId: z.uuid().optional(),
    action: AuditActionSchema.optional(),
    meetingId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof ListAuditQuerySchema>;

export interface AuditEntryResponse {
  id: number;
  at: string;
  action: AuditAction;
  actorId: string | null;
  /** The username typed, for failed logins of unknown accounts too. */
  actorName: string | null;
  meetingId: string | null;
  subjectId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditPageResponse {
  total: number;
  entries: AuditEntryResponse[];
}
