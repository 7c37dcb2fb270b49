import type { SessionUserResponse } from '@app/shared';

import type { User } from '../people/user.entity';

/** Needs the user's `unit` relation loaded. */
export function mapSessionUser(user: User): SessionUserResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unit: { id: user.unit.id, name: user.unit.name, kind: user.unit.kind },
  };
}
