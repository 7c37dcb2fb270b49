import * as z from 'zod';

import { OrganisationUnitResponse, UserRole, UserRoleSchema } from './roles';

/** Query of `GET /api/users`, the participant picker. `search` ignores case and Vietnamese diacritics. */
export const ListUsersQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    role: UserRoleSchema.optional(),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;

export interface UserSummaryResponse {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  unit: OrganisationUnitResponse;
  /** Whether invitations can reach this account by e-mail. */
  hasEmail: boolean;
}

export interface OrganisationUnitDetailResponse extends OrganisationUnitResponse {
  parentId: string | null;
}
