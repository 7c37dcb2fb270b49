/**
 * A server-side recording of a meeting's video bridge: `recording` while media is captured,
 * `processing` while the tracks are mixed into one file, then `ready` (playable WebM, VP8 + Opus)
 * or `failed` with the reason.
 */
export type RecordingStatus = 'recording' | 'processing' | 'ready' | 'failed';

/** `GET /api/meetings/:meetingId/recordings` (and what the conference gets back when it stops one). */
export interface RecordingResponse {
  id: string;
  meetingId: string;
  status: RecordingStatus;
  startedAt: string;
  endedAt: string | null;
  /** Of the finished file (ffprobe), once ready. */
  durationMs: number | null;
  fileBytes: number | null;
  sha256: string | null;
  startedById: string | null;
  /** Why it failed, bilingual. */
  failureReason: string | null;
  /** 0..100 while `processing` (the mix), when this server is mixing it; null otherwise. */
  progress: number | null;
  /** `GET` this (participants only) once ready. */
  downloadUrl: string | null;
}
