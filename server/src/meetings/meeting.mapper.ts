import type {
  AgendaItemResponse,
  DocumentSummaryResponse,
  MeetingDetailResponse,
  MeetingResponse,
  OrganisationUnitResponse,
} from '@app/shared';

import { MeetingDocument } from '../documents/meeting-document.entity';
import { OrganisationUnit } from '../people/organisation-unit.entity';
import { AgendaItem } from './agenda-item.entity';
import { Meeting } from './meeting.entity';

export function mapOrganisationUnit(unit: OrganisationUnit): OrganisationUnitResponse {
  return { id: unit.id, name: unit.name, kind: unit.kind };
}

export function mapMeeting(meeting: Meeting): MeetingResponse {
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

export function mapMeetingDetail(meeting: Meeting): MeetingDetailResponse {
  return {
    ...mapMeeting(meeting),
    agenda: [...meeting.agendaItems].sort((a, b) => a.position - b.position).map(mapAgendaItem),
    documents: meeting.documents.map(mapDocumentSummary),
  };
}
