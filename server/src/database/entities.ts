import { AuditLogEntry } from '../audit/audit-log-entry.entity';
import { Session } from '../auth/session.entity';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { User } from '../people/user.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const entities = [
  OrganisationUnit,
  User,
  Meeting,
  Participant,
  AgendaItem,
  MeetingDocument,
  Session,
  AuditLogEntry,
];
