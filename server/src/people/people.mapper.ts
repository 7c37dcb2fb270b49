import type { OrganisationUnitDetailResponse, OrganisationUnitResponse, UserSummaryResponse } from '@app/shared';

import { OrganisationUnit } from './organisation-unit.entity';
import { User } from './user.entity';

export function mapOrganisationUnit(unit: OrganisationUnit): OrganisationUnitResponse {
  return { id: unit.id, name: unit.name, kind: unit.kind };
}

export function mapUserSummary(user: User): UserSummaryResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unit: mapOrganisationUnit(user.unit),
    hasEmail: !!user.email,
  };
}

export function mapUnitDetail(unit: OrganisationUnit): OrganisationUnitDetailResponse {
  return { ...mapOrganisationUnit(unit), parentId: unit.parentId };
}
