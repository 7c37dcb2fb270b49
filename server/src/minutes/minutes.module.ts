import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LiveModule } from '../live/live.module';
import { Participant } from '../meetings/participant.entity';
import { MeetingMinutes } from './meeting-minutes.entity';
import { MinutesFactsService } from './minutes-facts.service';
import { MinutesPdfService } from './minutes-pdf.service';
import { MinutesController } from './minutes.controller';
import { MinutesService } from './minutes.service';

/** Minutes (biên bản) of a meeting: drafted from the live session's records, edited, finalized, PDF. */
@Module({
  // Participant: for the meeting-access guard. LiveModule: speaking slots, poll results, conclusions.
  imports: [TypeOrmModule.forFeature([MeetingMinutes, Participant]), LiveModule],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesFactsService, MinutesPdfService],
  exports: [MinutesService],
})
export class MinutesModule {}
