import * as z from 'zod';

/** `draft` while the secretary edits; `final` once finalized (read-only, readable by every participant). */
export const MinutesStatusSchema = z.enum(['draft', 'final']);
export type MinutesStatus = z.infer<typeof MinutesStatusSchema>;

/** Longest minutes body accepted (characters). */
export const MINUTES_BODY_MAX = 200_000;

/**
 * The minutes of one meeting (biên bản cuộc họp). `body` is plain text with a light markup that the
 * PDF keeps: `# ` centred bold line, `## ` / `### ` headings, `- ` bullet, `>> ` right-aligned line,
 * `left || right` two centred columns (a cell starting with `# ` is bold), `---` a short centred rule.
 */
export interface MinutesResponse {
  meetingId: string;
  status: MinutesStatus;
  body: string;
  /** Bumped by every change; send it back with an edit (optimistic concurrency). */
  version: number;
  generatedAt: string;
  updatedAt: string;
  updatedByName: string | null;
  finalizedAt: string | null;
}

const versionSchema = z.number().int().min(1);

/** Body of `PUT /api/meetings/:meetingId/minutes`: the edited text and the version it was based on. */
export const UpdateMinutesSchema = z
  .object({
    body: z.string().trim().min(1).max(MINUTES_BODY_MAX),
    version: versionSchema,
  })
  .strict();
export type UpdateMinutesRequest = z.infer<typeof UpdateMinutesSchema>;

/** Body of `POST /api/meetings/:meetingId/minutes/finalize`: the version the organiser has read. */
export const FinalizeMinutesSchema = z.object({ version: versionSchema }).strict();
export type FinalizeMinutesRequest = z.infer<typeof FinalizeMinutesSchema>;
