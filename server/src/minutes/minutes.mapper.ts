import type { MinutesResponse } from '@app/shared';

import type { MeetingMinutes } from './meeting-minutes.entity';

/** Needs `updatedByUser` loaded (null when that account is gone). */
export function mapMinutes(minutes: MeetingMinutes): MinutesResponse {
  return {
    meetingId: minutes.meetingId,
    status: minutes.status,
    body: minutes.body,
    version: minutes.version,
    generatedAt: minutes.generatedAt.toISOString(),
    updatedAt: minutes.updatedAt.toISOString(),
    updatedByName: minutes.updatedByUser?.displayName ?? null,
    finalizedAt: minutes.finalizedAt?.toISOString() ?? null,
  };
}
