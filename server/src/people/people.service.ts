import type { ListUsersQuery, OrganisationUnitDetailResponse, UserSummaryResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { OrganisationUnit } from './organisation-unit.entity';
import { mapUnitDetail, mapUserSummary } from './people.mapper';
import { foldForSearch } from './search-text';
import { User } from './user.entity';

const MAX_USERS = 100;

@Injectable()
export class PeopleService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(OrganisationUnit) private readonly units: Repository<OrganisationUnit>,
  ) {}

  /**
   * Active accounts for the participant picker, by name. Filtered in memory: a district has hundreds
   * of accounts, and sqlite's LIKE knows neither Vietnamese case nor diacritics.
   */
  async listUsers(query: ListUsersQuery): Promise<UserSummaryResponse[]> {
    const users = await this.users.find({
      where: { active: true, ...(query.role ? { role: query.role } : {}) },
      relations: { unit: true },
    });
    const needle = query.search ? foldForSearch(query.search) : '';
    return users
      .filter((user) => !needle || foldForSearch(`${user.displayName} ${user.username}`).includes(needle))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
      .slice(0, MAX_USERS)
      .map(mapUserSummary);
  }

  /** The district first, then its communes by name. */
  async listUnits(): Promise<OrganisationUnitDetailResponse[]> {
    const units = await this.units.find();
    return units
      .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'vi') : a.kind === 'district' ? -1 : 1))
      .map(mapUnitDetail);
  }
}
