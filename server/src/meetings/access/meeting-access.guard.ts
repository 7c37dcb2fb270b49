import type { MeetingRole } from '@app/shared';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import * as z from 'zod';

import type { AuthenticatedRequest } from '../../auth/auth-user';
import {
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../common/errors/domain-errors';
import { Participant } from '../participant.entity';

export const MEETING_ROLES_KEY = 'meetings:roles';

export interface MeetingRequest extends AuthenticatedRequest {
  participant?: Participant;
}

const meetingIdSchema = z.uuid();

/**
 * The caller must take part in the meeting named by the `meetingId` route parameter, and (when the
 * route lists roles) hold one of those meeting roles. A non-participant gets 404, as if the meeting
 * did not exist: its title and existence are not theirs to learn.
 */
@Injectable()
export class MeetingAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<MeetingRequest>();
    if (!request.user) throw new UnauthenticatedError('Chưa đăng nhập / Not logged in');
    const meetingId = request.params.meetingId;
    if (!meetingIdSchema.safeParse(meetingId).success) {
      throw new ValidationError('Mã cuộc họp không hợp lệ / Invalid meeting id', [
        { path: 'meetingId', message: 'Invalid UUID' },
      ]);
    }
    const participant = await this.participants.findOneBy({ meetingId, userId: request.user.id });
    if (!participant) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    const roles = this.reflector.getAllAndOverride<MeetingRole[] | undefined>(MEETING_ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles?.length && !roles.includes(participant.meetingRole)) {
      throw new ForbiddenError(
        'Vai trò của bạn trong cuộc họp không cho phép việc này / Your meeting role may not do this',
      );
    }
    request.participant = participant;
    return true;
  }
}
