import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { Participant } from '../meetings/participant.entity';
import { MeetingRating } from './meeting-rating.entity';
import { SatisfactionController } from './satisfaction.controller';
import { SatisfactionService } from './satisfaction.service';

/** Participants' ratings of a closed meeting, and their aggregate for the organisers. */
@Module({
  // Participant: for the meeting-access guard.
  imports: [TypeOrmModule.forFeature([MeetingRating, Participant])],
  controllers: [SatisfactionController],
  providers: [SatisfactionService],
})
export class SatisfactionModule {}
