import type { AgendaItemResponse } from '@app/shared';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { AuthenticatedRequest, AuthUser, clientIp } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/auth.decorators';
import { MeetingAccess, ORGANISER_ROLES } from '../access/meeting-access.decorators';
import {
  AgendaItemParamsDto,
  CreateAgendaItemDto,
  MeetingIdParamDto,
  ReorderAgendaDto,
  UpdateAgendaItemDto,
} from '../dto/meetings.dto';
import { AgendaService } from './agenda.service';

@Controller('meetings/:meetingId/agenda')
@MeetingAccess()
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get()
  @ApiOperation({ summary: 'The agenda in order (any participant)' })
  list(@Param() params: MeetingIdParamDto): Promise<AgendaItemResponse[]> {
    return this.agenda.list(params.meetingId);
  }

  @Post()
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Append an agenda item (until the meeting is closed)' })
  create(
    @Param() params: MeetingIdParamDto,
    @Body() body: CreateAgendaItemDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<AgendaItemResponse> {
    return this.agenda.create(params.meetingId, body, user, clientIp(req));
  }

  // Declared before `:itemId` so "order" is never taken for an item id.
  @Put('order')
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Reorder: every item id of the meeting, once, in the new order' })
  reorder(
    @Param() params: MeetingIdParamDto,
    @Body() body: ReorderAgendaDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<AgendaItemResponse[]> {
    return this.agenda.reorder(params.meetingId, body, user, clientIp(req));
  }

  @Patch(':itemId')
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Change an agenda item' })
  update(
    @Param() params: AgendaItemParamsDto,
    @Body() body: UpdateAgendaItemDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<AgendaItemResponse> {
    return this.agenda.update(params.meetingId, params.itemId, body, user, clientIp(req));
  }

  @Delete(':itemId')
  @HttpCode(204)
  @MeetingAccess(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Delete an agenda item; the others close the gap' })
  remove(
    @Param() params: AgendaItemParamsDto,
    @CurrentUser() user: AuthUser,
    @Req() req: AuthenticatedRequest,
  ): Promise<void> {
    return this.agenda.remove(params.meetingId, params.itemId, user, clientIp(req));
  }
}
