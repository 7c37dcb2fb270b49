import { isMeetingEditable, isPreparationOpen, MeetingStatus } from '@app/shared';

import { ConflictError } from '../common/errors/domain-errors';

/** Vietnamese names of the statuses, for messages people read. */
export const STATUS_LABEL_VI: Record<MeetingStatus, string> = {
  draft: 'bản nháp',
  scheduled: 'đã lên lịch',
  live: 'đang họp',
  closed: 'đã kết thúc',
  archived: 'đã lưu trữ',
  cancelled: 'đã hủy',
};

export function assertMeetingEditable(status: MeetingStatus): void {
  if (!isMeetingEditable(status)) {
    throw new ConflictError(
      `Cuộc họp ${STATUS_LABEL_VI[status]} không thể sửa thông tin / A ${status} meeting can no longer be edited`,
    );
  }
}

/** Agenda and participants: still open while draft, scheduled or live. */
export function assertPreparationOpen(status: MeetingStatus): void {
  if (!isPreparationOpen(status)) {
    throw new ConflictError(
      `Cuộc họp ${STATUS_LABEL_VI[status]}: không thể thay đổi chương trình hay thành phần / ` +
        `A ${status} meeting's agenda and participants can no longer change`,
    );
  }
}
