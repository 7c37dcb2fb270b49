import type { RatingResponse, RatingSummaryResponse } from '@app/shared';

import type { MeetingRating } from './meeting-rating.entity';

export function mapRating(
  rating: Pick<MeetingRating, 'meetingId' | 'score' | 'comment' | 'updatedAt'>,
): RatingResponse {
  return {
    meetingId: rating.meetingId,
    score: rating.score,
    comment: rating.comment,
    updatedAt: rating.updatedAt.toISOString(),
  };
}

/** Count, mean (2 decimals), how many gave each score, and the comments without names, newest first. */
export function summarizeRatings(
  meetingId: string,
  ratings: Pick<MeetingRating, 'score' | 'comment' | 'updatedAt'>[],
  participants: number,
): RatingSummaryResponse {
  const distribution = [0, 0, 0, 0, 0];
  for (const rating of ratings) distribution[rating.score - 1] += 1;
  const total = ratings.reduce((sum, rating) => sum + rating.score, 0);
  return {
    meetingId,
    count: ratings.length,
    average: ratings.length ? Math.round((total / ratings.length) * 100) / 100 : null,
    distribution,
    comments: [...ratings]
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .filter((rating) => rating.comment)
      .map((rating) => ({ score: rating.score, comment: rating.comment ?? '', at: rating.updatedAt.toISOString() })),
    participants,
  };
}
