import { ArchiveJob } from '../archive/archive-job.entity';
import { AuditLogEntry } from '../audit/audit-log-entry.entity';
import { Session } from '../auth/session.entity';
import { ConferenceReadiness } from '../conference/conference-readiness.entity';
import { ConferenceRemoval } from '../conference/conference-removal.entity';
import { ConferenceRecording } from '../conference/recording/conference-recording.entity';
import { DocumentAnnotation } from '../documents/annotations/document-annotation.entity';
import { DocumentReader } from '../documents/document-reader.entity';
import { DocumentVersion } from '../documents/document-version.entity';
import { ReadReceipt } from '../documents/files/read-receipt.entity';
import { MeetingDocument } from '../documents/meeting-document.entity';
import { DocumentPage } from '../documents/search/document-page.entity';
import { AttendanceRecord } from '../live/attendance/attendance.entity';
import { Conclusion } from '../live/conclusions/conclusion.entity';
import { LiveStateRow } from '../live/live-state.entity';
import { Ballot } from '../live/polls/ballot.entity';
import { PollEligible } from '../live/polls/poll-eligible.entity';
import { PollTally } from '../live/polls/poll-tally.entity';
import { Poll } from '../live/polls/poll.entity';
import { SpeakerRequest } from '../live/speakers/speaker-request.entity';
import { SpeakingSlot } from '../live/speakers/speaking-slot.entity';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { ReminderDelivery } from '../meetings/reminders/reminder-delivery.entity';
import { MeetingMinutes } from '../minutes/meeting-minutes.entity';
import { Notification } from '../notifications/notification.entity';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { User } from '../people/user.entity';
import { MeetingRating } from '../satisfaction/meeting-rating.entity';

/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const entities = [
  OrganisationUnit,
  User,
  Meeting,
  Participant,
  AgendaItem,
  MeetingDocument,
  DocumentVersion,
  DocumentReader,
  DocumentPage,
  ReadReceipt,
  DocumentAnnotation,
  Session,
  AuditLogEntry,
  Notification,
  ReminderDelivery,
  ArchiveJob,
  LiveStateRow,
  AttendanceRecord,
  SpeakerRequest,
  SpeakingSlot,
  Conclusion,
  MeetingMinutes,
  MeetingRating,
  Poll,
  PollEligible,
  Ballot,
  PollTally,
  ConferenceReadiness,
  ConferenceRecording,
  ConferenceRemoval,
];
