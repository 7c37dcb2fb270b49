import * as z from 'zod';

/** Account-wide roles. A commune site is one account for a commune's meeting room. */
export const UserRoleSchema = z.enum(['admin', 'secretary', 'chair', 'delegate', 'commune_site', 'guest']);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** The role a person or site holds in one meeting. */
export const MeetingRoleSchema = z.enum(['chair', 'secretary', 'delegate', 'guest', 'site']);
export type MeetingRole = z.infer<typeof MeetingRoleSchema>;

export const OrganisationUnitKindSchema = z.enum(['district', 'commune']);
export type OrganisationUnitKind = z.infer<typeof OrganisationUnitKindSchema>;

export interface OrganisationUnitResponse {
  id: string;
  name: string;
  kind: OrganisationUnitKind;
}
