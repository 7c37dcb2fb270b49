import { MeetingDetailResponse, MeetingStatus, MeetingTransitionRequest, transitionProblem } from '@app/shared';
import { Injectable } from '@nestjs/common';

import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-errors';
import { LiveStateService } from '../../live/live-state.service';
import { AnnouncementKind } from '../invitations/invitation-content';
import { MeetingInvitationsService } from '../invitations/meeting-invitations.service';
import { Meeting } from '../meeting.entity';
import { STATUS_LABEL_VI } from '../meeting-rules';
import { MeetingsService } from '../meetings.service';
import type { Viewer } from '../visible-documents';

/** Moves a meeting through its lifecycle (rules in `@app/shared` meeting-lifecycle) and tells participants. */
@Injectable()
export class MeetingLifecycleService {
  constructor(
    private readonly live: LiveStateService,
    private readonly audit: AuditService,
    private readonly reader: MeetingsService,
    private readonly invitations: MeetingInvitationsService,
  ) {}

  async transition(
    meetingId: string,
    input: MeetingTransitionRequest,
    actor: AuthUser,
    viewer: Viewer,
    ip: string,
  ): Promise<MeetingDetailResponse> {
    // Through the live state: the status change and the `meeting` update of the live session share one version.
    const { result: from } = await this.live.change(meetingId, ['meeting'], async (manager) => {
      const meeting = await manager.findOneBy(Meeting, { id: meetingId });
      if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
      const problem = transitionProblem(meeting.status, input.to, input.reason);
      if (problem === 'illegal') throw illegal(meeting.status, input.to);
      if (problem === 'reason_required') {
        throw new ValidationError('Cần nêu lý do hủy cuộc họp / Cancelling a scheduled meeting needs a reason', [
          { path: 'reason', message: 'Required to cancel a scheduled meeting' },
        ]);
      }
      // Conditional on the status read above: of two concurrent transitions only one wins.
      const result = await manager.update(
        Meeting,
        { id: meetingId, status: meeting.status },
        { status: input.to, ...(input.to === 'cancelled' ? { cancelReason: input.reason ?? null } : {}) },
      );
      if (!result.affected) throw illegal(meeting.status, input.to);
      await this.audit.record(
        {
          action: 'meeting.status_changed',
          actor,
          meetingId,
          subjectId: meetingId,
          ip,
          details: { from: meeting.status, to: input.to, ...(input.reason ? { reason: input.reason } : {}) },
        },
        manager,
      );
      return meeting.status;
    });
    const announcement = announcementFor(from, input.to);
    if (announcement) await this.invitations.announce(announcement, meetingId, { exceptUserId: actor.id });
    return this.reader.get(meetingId, viewer);
  }
}

/** Participants hear of a meeting when it is scheduled, and when a scheduled one is called off. */
function announcementFor(from: MeetingStatus, to: MeetingStatus): AnnouncementKind | null {
  if (to === 'scheduled') return 'invited';
  if (from === 'scheduled' && to === 'cancelled') return 'cancelled';
  return null;
}

function illegal(from: MeetingStatus, to: MeetingStatus): ConflictError {
  return new ConflictError(
    `Không thể chuyển cuộc họp từ "${STATUS_LABEL_VI[from]}" sang "${STATUS_LABEL_VI[to]}" / ` +
      `Cannot move a meeting from ${from} to ${to}`,
  );
}
