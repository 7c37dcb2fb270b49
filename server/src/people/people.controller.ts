import type { OrganisationUnitDetailResponse, UserSummaryResponse } from '@app/shared';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AccountRoles } from '../auth/auth.decorators';
import { ListUsersQueryDto } from './people.dto';
import { PeopleService } from './people.service';

/** Look-ups for whoever prepares meetings (the participant picker, the organiser field). */
@Controller()
@AccountRoles('admin', 'secretary', 'chair')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('users')
  @ApiOperation({ summary: 'Active accounts by name (diacritics-insensitive search), optionally of one role' })
  listUsers(@Query() query: ListUsersQueryDto): Promise<UserSummaryResponse[]> {
    return this.people.listUsers(query);
  }

  @Get('units')
  @ApiOperation({ summary: 'The district and its communes' })
  listUnits(): Promise<OrganisationUnitDetailResponse[]> {
    return this.people.listUnits();
  }
}
