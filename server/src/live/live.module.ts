import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';

import { MeetingDocument } from '../documents/meeting-document.entity';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { User } from '../people/user.entity';
import { AttendanceRecord } from './attendance/attendance.entity';
import { AttendanceGateway } from './attendance/attendance.gateway';
import { AttendanceService } from './attendance/attendance.service';
import { Conclusion } from './conclusions/conclusion.entity';
import { ConclusionsGateway } from './conclusions/conclusions.gateway';
import { ConclusionsService } from './conclusions/conclusions.service';
import { LiveCalls } from './live-calls';
import { LiveEventRouter } from './live-event-router';
import { LiveStateRow } from './live-state.entity';
import { LiveStateService } from './live-state.service';
import { LiveGateway } from './live.gateway';
import { BallotBoxService } from './polls/ballot-box.service';
import { Ballot } from './polls/ballot.entity';
import { PollEligible } from './polls/poll-eligible.entity';
import { PollTally } from './polls/poll-tally.entity';
import { Poll } from './polls/poll.entity';
import { PollsGateway } from './polls/polls.gateway';
import { PollsService } from './polls/polls.service';
import { PresentationService } from './presentation/presentation.service';
import { MeetingSessionService } from './session/meeting-session.service';
import { SpeakerRequest } from './speakers/speaker-request.entity';
import { SpeakersGateway } from './speakers/speakers.gateway';
import { SpeakersService } from './speakers/speakers.service';
import { SpeakingSlot } from './speakers/speaking-slot.entity';

/** The live session over socket.io: state, versions and snapshots, and each feature's events. */
@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature([
      LiveStateRow,
      Meeting,
      Participant,
      AgendaItem,
      User,
      MeetingDocument,
      AttendanceRecord,
      SpeakerRequest,
      SpeakingSlot,
      Conclusion,
      Poll,
      PollEligible,
      Ballot,
      PollTally,
    ]),
  ],
  providers: [
    LiveStateService,
    LiveCalls,
    LiveEventRouter,
    MeetingSessionService,
    PresentationService,
    LiveGateway,
    AttendanceService,
    AttendanceGateway,
    SpeakersService,
    SpeakersGateway,
    ConclusionsService,
    ConclusionsGateway,
    PollsService,
    BallotBoxService,
    PollsGateway,
  ],
  exports: [LiveCalls, LiveStateService, AttendanceService, SpeakersService, ConclusionsService, PollsService],
})
export class LiveModule {}
