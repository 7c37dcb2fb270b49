import type { AuditPageResponse } from '@app/shared';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AccountRoles } from '../auth/auth.decorators';
import { ListAuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@Controller('audit')
@AccountRoles('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit log, newest first, filtered by actor, action, meeting and time (admins only)' })
  list(@Query() query: ListAuditQueryDto): Promise<AuditPageResponse> {
    return this.audit.list(query);
  }
}
