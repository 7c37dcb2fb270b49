import type { ArchiveJobResponse } from '@app/shared';

import { ArchiveJob } from './archive-job.entity';

export function mapArchiveJob(job: ArchiveJob, livePercent?: number): ArchiveJobResponse {
  return {
    id: job.id,
    meetingId: job.meetingId,
    status: job.status,
    percent: job.status === 'done' ? 100 : (livePercent ?? 0),
    ...(job.sizeBytes !== null ? { sizeBytes: job.sizeBytes } : {}),
    ...(job.error ? { error: job.error } : {}),
    createdAt: job.createdAt.toISOString(),
    ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
  };
}
