import type { MeetingRole } from '@app/shared';
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';

import { ForbiddenError } from '../../common/errors/domain-errors';
import type { Participant } from '../participant.entity';
import { MEETING_ROLES_KEY, MeetingAccessGuard, MeetingRequest } from './meeting-access.guard';

/**
 * Route needs the caller to be a participant of `:meetingId`; with roles, one of those meeting roles.
 * Put it on a controller for read access and again on a handler to narrow who may change things.
 */
export const MeetingAccess = (...roles: MeetingRole[]) =>
  applyDecorators(SetMetadata(MEETING_ROLES_KEY, roles), UseGuards(MeetingAccessGuard));

/** The caller's participant row in the route's meeting (set by MeetingAccessGuard). */
export const CurrentParticipant = createParamDecorator((_data: unknown, ctx: ExecutionContext): Participant => {
  const participant = ctx.switchToHttp().getRequest<MeetingRequest>().participant;
  if (!participant) throw new ForbiddenError('Không phải thành viên cuộc họp / Not a participant of this meeting');
  return participant;
});

/** Meeting roles allowed to prepare a meeting: agenda, documents, participants. */
export const ORGANISER_ROLES: MeetingRole[] = ['chair', 'secretary'];
