import * as z from 'zod';

import { MeetingRoleSchema, OrganisationUnitResponse } from '../people/roles';
import type { MeetingRole } from '../people/roles';

/** A person takes part in person or online; a site is a commune's meeting room (role `site`). */
export type ParticipantKind = 'person' | 'site';

export interface ParticipantResponse {
  id: string;
  userId: string;
  displayName: string;
  unit: OrganisationUnitResponse;
  meetingRole: MeetingRole;
  votingMember: boolean;
  kind: ParticipantKind;
}

/**
 * Body of `POST /api/meetings/:meetingId/participants`. Defaults: `site` for commune-site accounts,
 * `delegate` for people; chairs and delegates vote, others do not.
 */
export const AddParticipantSchema = z
  .object({
    userId: z.uuid(),
    meetingRole: MeetingRoleSchema.optional(),
    votingMember: z.boolean().optional(),
  })
  .strict();
export type AddParticipantRequest = z.infer<typeof AddParticipantSchema>;

/** Body of `PATCH /api/meetings/:meetingId/participants/:participantId`. */
export const UpdateParticipantSchema = z
  .object({
    meetingRole: MeetingRoleSchema.optional(),
    votingMember: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.meetingRole !== undefined || p.votingMember !== undefined, { message: 'Nothing to change' });
export type UpdateParticipantRequest = z.infer<typeof UpdateParticipantSchema>;
