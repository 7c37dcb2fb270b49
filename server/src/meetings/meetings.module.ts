import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { Meeting } from './meeting.entity';
import { Participant } from './participant.entity';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [TypeOrmModule.forFeature([Meeting, Participant])],
  controllers: [MeetingsController],
  providers: [MeetingsService],
})
export class MeetingsModule {}
