import * as z from 'zod';

import { OrganisationUnitResponse } from '../people/roles';

export const MeetingStatusSchema = z.enum(['draft', 'scheduled', 'live', 'closed', 'archived', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

export const MeetingModeSchema = z.enum(['in_person', 'online', 'hybrid']);
export type MeetingMode = z.infer<typeof MeetingModeSchema>;

/** Query of `GET /api/meetings`. */
export const ListMeetingsQuerySchema = z
  .object({
    status: MeetingStatusSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type ListMeetingsQuery = z.infer<typeof ListMeetingsQuerySchema>;

export interface AgendaItemResponse {
  id: string;
  position: number;
  title: string;
  presenter: string | null;
  plannedMinutes: number;
  description: string | null;
}

export interface DocumentSummaryResponse {
  id: string;
  agendaItemId: string | null;
  title: string;
  fileName: string;
  pageCount: number;
  sizeBytes: number;
}

export interface MeetingResponse {
  id: string;
  title: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  place: string;
  mode: MeetingMode;
  status: MeetingStatus;
  organiser: OrganisationUnitResponse;
  agendaItemCount: number;
  documentCount: number;
}

export interface MeetingDetailResponse extends MeetingResponse {
  agenda: AgendaItemResponse[];
  documents: DocumentSummaryResponse[];
}
