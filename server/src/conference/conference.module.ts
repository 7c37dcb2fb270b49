import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LiveModule } from '../live/live.module';
import { MediaModule } from '../media/media.module';
import { Meeting } from '../meetings/meeting.entity';
import { Participant } from '../meetings/participant.entity';
import { ConferenceConsumers } from './conference-consumers';
import { ConferenceFloorService } from './conference-floor.service';
import { ConferenceHealthService } from './conference-health.service';
import { ConferenceJoinService } from './conference-join.service';
import { ConferenceMediaService } from './conference-media.service';
import { ConferenceModerationService } from './conference-moderation.service';
import { ConferenceNotifier } from './conference-notifier';
import { ConferenceReadiness } from './conference-readiness.entity';
import { ConferenceReadinessService } from './conference-readiness.service';
import { ConferenceRecorder } from './conference-recorder.service';
import { ConferenceRemoval } from './conference-removal.entity';
import { ConferenceRemovals } from './conference-removals';
import { ConferenceRoomsService } from './conference-rooms.service';
import { ConferenceGateway } from './conference.gateway';
import { RecordingModule } from './recording/recording.module';

/**
 * The video bridge: mediasoup rooms per live meeting on the worker pool, signalling on the live
 * namespace, chair moderation, link adaptation, recording and the pre-meeting test call.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Participant, Meeting, ConferenceReadiness, ConferenceRemoval]),
    LiveModule,
    MediaModule,
    RecordingModule,
  ],
  providers: [
    ConferenceNotifier,
    ConferenceRoomsService,
    ConferenceRemovals,
    ConferenceJoinService,
    ConferenceConsumers,
    ConferenceHealthService,
    ConferenceRecorder,
    ConferenceMediaService,
    ConferenceModerationService,
    ConferenceFloorService,
    ConferenceReadinessService,
    ConferenceGateway,
  ],
  exports: [ConferenceRoomsService, ConferenceMediaService],
})
export class ConferenceModule {}
