import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { Participant } from '../../meetings/participant.entity';
import { ConferenceRecording } from './conference-recording.entity';
import { RecordingFinaliser } from './recording-finaliser';
import { DEFAULT_RECORDING_OPTIONS, RECORDING_OPTIONS } from './recording-options';
import { RecordingStorage } from './recording-storage';
import { RecordingService } from './recording.service';
import { RecordingsController } from './recordings.controller';

@Module({
  // Participant: for the meeting-access guard of the download.
  imports: [TypeOrmModule.forFeature([ConferenceRecording, Participant])],
  controllers: [RecordingsController],
  providers: [
    RecordingService,
    RecordingFinaliser,
    RecordingStorage,
    { provide: RECORDING_OPTIONS, useValue: DEFAULT_RECORDING_OPTIONS },
  ],
  exports: [RecordingService],
})
export class RecordingModule {}
