export type ArchiveJobStatus = 'running' | 'done' | 'failed';

/** `POST /api/meetings/:meetingId/archive` and `GET .../archive/:jobId`. */
export interface ArchiveJobResponse {
  id: string;
  meetingId: string;
  status: ArchiveJobStatus;
  /** 0..100, by bytes written into the ZIP. */
  percent: number;
  /** Size of the finished ZIP. */
  sizeBytes?: number;
  /** Why the job failed, bilingual. */
  error?: string;
  createdAt: string;
  finishedAt?: string;
}

/** One file inside the archive, as `manifest.json` lists it. */
export interface ArchiveManifestEntry {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** `manifest.json`, the last entry of every meeting archive. It does not list itself. */
export interface ArchiveManifest {
  format: 'e-cabinet-meeting-archive/1';
  meetingId: string;
  meetingTitle: string;
  createdAt: string;
  files: ArchiveManifestEntry[];
}
