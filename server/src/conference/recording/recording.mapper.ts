import type { RecordingResponse } from '@app/shared';

import { ConferenceRecording } from './conference-recording.entity';

export function mapRecording(row: ConferenceRecording): RecordingResponse {
  return {
    id: row.id,
    meetingId: row.meetingId,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    fileBytes: row.fileBytes,
    sha256: row.sha256,
    startedById: row.startedById,
    failureReason: row.failureReason,
    downloadUrl: row.status === 'ready' ? `/api/meetings/${row.meetingId}/recordings/${row.id}/file` : null,
  };
}
