import * as z from 'zod';

import { MeetingRole, OrganisationUnitResponse } from '../people/roles';
import type { ParticipantResponse } from './participant';

export const MeetingStatusSchema = z.enum(['draft', 'scheduled', 'live', 'closed', 'archived', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

export const MeetingModeSchema = z.enum(['in_person', 'online', 'hybrid']);
export type MeetingMode = z.infer<typeof MeetingModeSchema>;

/** `upcoming`: not yet ended, soonest first; `past`: ended, latest first. */
export const MeetingScopeSchema = z.enum(['upcoming', 'past']);
export type MeetingScope = z.infer<typeof MeetingScopeSchema>;

/** Query of `GET /api/meetings`. */
export const ListMeetingsQuerySchema = z
  .object({
    scope: MeetingScopeSchema.optional(),
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
  /** Documents the caller may see. */
  documentCount: number;
  /** The caller's role in this meeting (always set by the server; optional for older stubs). */
  myRole?: MeetingRole;
}

export interface MeetingDetailResponse extends MeetingResponse {
  /** Set when the meeting was cancelled with a reason. */
  cancelReason: string | null;
  /** The caller's role in this meeting. */
  myRole: MeetingRole;
  /** Statuses the caller may move the meeting to now (empty for delegates, guests and sites). */
  allowedTransitions: MeetingStatus[];
  participants: ParticipantResponse[];
  agenda: AgendaItemResponse[];
  documents: DocumentSummaryResponse[];
}

const titleSchema = z.string().trim().min(1).max(300);
const placeSchema = z.string().trim().min(1).max(300);
const instantSchema = z.iso.datetime({ offset: true });

const endsAfterStart = (m: { startsAt?: string; endsAt?: string }) =>
  !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt);
const endsAfterStartIssue = { message: '`endsAt` must be after `startsAt`', path: ['endsAt'] };

/** Body of `POST /api/meetings`. A new meeting starts as a draft. */
export const CreateMeetingSchema = z
  .object({
    title: titleSchema,
    startsAt: instantSchema,
    endsAt: instantSchema,
    place: placeSchema,
    mode: MeetingModeSchema,
    /** Defaults to the caller's own unit. */
    organiserUnitId: z.uuid().optional(),
  })
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue);
export type CreateMeetingRequest = z.infer<typeof CreateMeetingSchema>;

/** Body of `PATCH /api/meetings/:meetingId` (draft or scheduled meetings only). */
export const UpdateMeetingSchema = z
  .object({
    title: titleSchema,
    startsAt: instantSchema,
    endsAt: instantSchema,
    place: placeSchema,
    mode: MeetingModeSchema,
    organiserUnitId: z.uuid(),
  })
  .partial()
  .strict()
  .refine((m) => Object.keys(m).length > 0, { message: 'Nothing to change' })
  .refine(endsAfterStart, endsAfterStartIssue);
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingSchema>;
