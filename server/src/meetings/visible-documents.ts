import type { MeetingRole } from '@app/shared';

import { ORGANISER_ROLES } from './access/meeting-access.decorators';

/** Who looks at a meeting: their user id and their role in it. */
export interface Viewer {
  userId: string;
  meetingRole: MeetingRole;
}

/**
 * SQL condition on a documents alias: what a non-organiser may see — a document with a ready
 * version, shared with everyone or naming them as a reader. The same rule as the documents
 * feature's DocumentAccessService, so the meeting detail and counts never reveal a hidden document.
 * Binds `:viewerId`.
 */
export function visibleDocumentCondition(alias: string): string {
  return (
    `(${alias}.currentVersion IS NOT NULL AND (${alias}.visibility = 'all' OR EXISTS ` +
    `(SELECT 1 FROM document_readers r WHERE r.documentId = ${alias}.id AND r.userId = :viewerId)))`
  );
}

export function seesAllDocuments(role: MeetingRole): boolean {
  return ORGANISER_ROLES.includes(role);
}
