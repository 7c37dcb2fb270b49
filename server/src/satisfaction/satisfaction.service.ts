import type { RateMeetingRequest, RatingResponse, RatingSummaryResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';

import type { AuthUser } from '../auth/auth-user';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { Meeting } from '../meetings/meeting.entity';
import { STATUS_LABEL_VI } from '../meetings/meeting-rules';
import { Participant } from '../meetings/participant.entity';
import { MeetingRating } from './meeting-rating.entity';
import { mapRating, summarizeRatings } from './satisfaction.mapper';

/**
 * Participants rate a meeting once it is over (closed or archived): one rating each, which they may
 * change. Organisers see the aggregate, and the comments without their authors' names.
 */
@Injectable()
export class SatisfactionService {
  constructor(
    @InjectRepository(MeetingRating) private readonly ratings: Repository<MeetingRating>,
    private readonly dataSource: DataSource,
  ) {}

  async rate(meetingId: string, user: AuthUser, request: RateMeetingRequest): Promise<RatingResponse> {
    const meeting = await this.dataSource.getRepository(Meeting).findOneBy({ id: meetingId });
    if (!meeting) throw new NotFoundError(`Không tìm thấy cuộc họp / Meeting ${meetingId} not found`);
    if (meeting.status !== 'closed' && meeting.status !== 'archived') {
      throw new ConflictError(
        `Chỉ đánh giá được cuộc họp đã kết thúc; cuộc họp đang ở trạng thái "${STATUS_LABEL_VI[meeting.status]}" / ` +
          `A meeting can be rated only once it is closed; this one is ${meeting.status}`,
      );
    }
    const comment = request.comment?.trim() || null;
    const now = new Date();
    const saved = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(MeetingRating, { meetingId, userId: user.id });
      if (existing) {
        await manager.update(MeetingRating, { id: existing.id }, { score: request.score, comment, updatedAt: now });
        return { ...existing, score: request.score, comment, updatedAt: now };
      }
      return manager.save(
        manager.create(MeetingRating, { meetingId, userId: user.id, score: request.score, comment, updatedAt: now }),
      );
    });
    return mapRating(saved);
  }

  async mine(meetingId: string, user: AuthUser): Promise<RatingResponse> {
    const rating = await this.ratings.findOneBy({ meetingId, userId: user.id });
    if (!rating) throw new NotFoundError('Bạn chưa đánh giá cuộc họp này / You have not rated this meeting');
    return mapRating(rating);
  }

  async summary(meetingId: string): Promise<RatingSummaryResponse> {
    const [ratings, participants] = await Promise.all([
      this.ratings.find({ where: { meetingId }, order: { updatedAt: 'DESC' } }),
      this.dataSource.getRepository(Participant).countBy({ meetingId }),
    ]);
    return summarizeRatings(meetingId, ratings, participants);
  }
}
