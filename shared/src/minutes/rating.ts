import * as z from 'zod';

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const RATING_COMMENT_MAX = 1000;

/**
 * Body of `POST /api/meetings/:meetingId/rating`: a participant's rating of a closed meeting, 1 (poor)
 * to 5 (very good). Sending again replaces one's earlier rating.
 */
export const RateMeetingSchema = z
  .object({
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(RATING_COMMENT_MAX).nullable().optional(),
  })
  .strict();
export type RateMeetingRequest = z.infer<typeof RateMeetingSchema>;

/** `GET .../rating`: my own rating (404 when I have not rated). */
export interface RatingResponse {
  meetingId: string;
  score: number;
  comment: string | null;
  updatedAt: string;
}

/** A comment as organisers see it: without the author's name, so that people write candidly. */
export interface RatingCommentResponse {
  score: number;
  comment: string;
  at: string;
}

/** `GET .../ratings/summary` (chair, secretary). */
export interface RatingSummaryResponse {
  meetingId: string;
  count: number;
  /** Mean score rounded to 2 decimals; null without ratings. */
  average: number | null;
  /** How many ratings gave each score, indexed score − 1 (always 5 entries). */
  distribution: number[];
  /** Newest first. */
  comments: RatingCommentResponse[];
  /** Participants of the meeting: each may rate it once. */
  participants: number;
}
