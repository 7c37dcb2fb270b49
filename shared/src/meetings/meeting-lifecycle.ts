import * as z from 'zod';

import type { MeetingRole } from '../people/roles';
import { MeetingStatus, MeetingStatusSchema } from './meeting';

/**
 * The meeting lifecycle. Pure, so the server enforces it and the client shows only the buttons
 * that will work:
 *   draft → scheduled → live → closed → archived, and draft | scheduled → cancelled.
 */
const TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['live', 'cancelled'],
  live: ['closed'],
  closed: ['archived'],
  archived: [],
  cancelled: [],
};

/** Meeting roles that may move a meeting along (and prepare it). */
const LIFECYCLE_ROLES: readonly MeetingRole[] = ['chair', 'secretary'];

export type TransitionProblem = 'illegal' | 'reason_required';

export function nextStatuses(from: MeetingStatus): MeetingStatus[] {
  return [...TRANSITIONS[from]];
}

export function isLegalTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Participants were told about a scheduled meeting, so calling it off must say why. */
export function transitionNeedsReason(from: MeetingStatus, to: MeetingStatus): boolean {
  return from === 'scheduled' && to === 'cancelled';
}

/** Why a transition cannot happen, or null when it can. */
export function transitionProblem(from: MeetingStatus, to: MeetingStatus, reason?: string): TransitionProblem | null {
  if (!isLegalTransition(from, to)) return 'illegal';
  if (transitionNeedsReason(from, to) && !reason?.trim()) return 'reason_required';
  return null;
}

/** The transitions a participant with this role may start now. */
export function allowedTransitions(status: MeetingStatus, role: MeetingRole): MeetingStatus[] {
  return LIFECYCLE_ROLES.includes(role) ? nextStatuses(status) : [];
}

/** Title, time, place and mode can change until the meeting starts. */
export function isMeetingEditable(status: MeetingStatus): boolean {
  return status === 'draft' || status === 'scheduled';
}

/** Agenda and participants can change until the meeting is closed (a live meeting may still adjust). */
export function isPreparationOpen(status: MeetingStatus): boolean {
  return status === 'draft' || status === 'scheduled' || status === 'live';
}

/** Body of `POST /api/meetings/:meetingId/transitions`. */
export const MeetingTransitionSchema = z
  .object({
    to: MeetingStatusSchema,
    /** Required when cancelling a scheduled meeting. */
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type MeetingTransitionRequest = z.infer<typeof MeetingTransitionSchema>;
