import {
  AgendaItemResponse,
  allowedTransitions,
  DocumentSummaryResponse,
  MeetingDetailResponse,
  MeetingResponse,
  MeetingRole,
} from '@app/shared';

import { MeetingDocument } from '../documents/meeting-document.entity';
import { mapOrganisationUnit } from '../people/people.mapper';
import { AgendaItem } from './agenda-item.entity';
import { Meeting } from './meeting.entity';
import { mapParticipant, sortParticipants } from './participants/participant.mapper';

export { mapOrganisationUnit };

export function mapMeeting(meeting: Meeting, myRole: MeetingRole): MeetingResponse {
  return {
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    place: meeting.place,
    mode: meeting.mode,
    status: meeting.status,
    organiser: mapOrganisationUnit(meeting.organiser),
    agendaItemCount: meeting.agendaItemCount ?? meeting.agendaItems?.length ?? 0,
    documentCount: meeting.documentCount ?? meeting.documents?.length ?? 0,
    myRole,
  };
}

export function mapAgendaItem(item: AgendaItem): AgendaItemResponse {
  return {
    id: item.id,
    position: item.position,
    title: item.title,
    presenter: item.presenter,
    plannedMinutes: item.plannedMinutes,
    description: item.description,
  };
}

export function mapDocumentSummary(document: MeetingDocument): DocumentSummaryResponse {
  return {
    id: document.id,
    agendaItemId: document.agendaItemId,
    title: document.title,
    fileName: document.fileName,
    pageCount: document.pageCount,
    sizeBytes: document.sizeBytes,
  };
}

/** Needs organiser, agenda items, documents and participants (with user and unit) loaded. */
export function mapMeetingDetail(meeting: Meeting, myRole: MeetingRole): MeetingDetailResponse {
  return {
    ...mapMeeting(meeting, myRole),
    cancelReason: meeting.cancelReason,
    myRole,
    allowedTransitions: allowedTransitions(meeting.status, myRole),
    participants: sortParticipants(meeting.participants).map(mapParticipant),
    agenda: [...meeting.agendaItems].sort((a, b) => a.position - b.position).map(mapAgendaItem),
    documents: meeting.documents.map(mapDocumentSummary),
  };
}
