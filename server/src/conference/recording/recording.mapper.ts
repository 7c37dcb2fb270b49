import type { RecordingResponse } from '@app/shared';

import { ConferenceRecording } from './conference-recording.entity';

/** `progress`: the mix's percent while this server mixes it. */
export function mapRecording(row: ConferenceRecording, progress: number | null = null): RecordingResponse {
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
    progress: row.status === 'processing' ? progress : null,
    downloadUrl: row.status === 'ready' ? `/api/meetings/${row.meetingId}/recordings/${row.id}/file` : null,
  };
}
