import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { Participant } from '../../meetings/participant.entity';
import { AppConfig } from '../../config/app-config';
import { ConferenceRecording } from './conference-recording.entity';
import { DiskSpace } from './disk-space';
import { RecordingDiskGuard } from './recording-disk-guard';
import { RecordingFinaliser } from './recording-finaliser';
import { RECORDING_OPTIONS, recordingOptions } from './recording-options';
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
    RecordingDiskGuard,
    DiskSpace,
    {
      provide: RECORDING_OPTIONS,
      useFactory: (config: AppConfig) => recordingOptions(config.recording),
      inject: [AppConfig],
    },
  ],
  exports: [RecordingService],
})
export class RecordingModule {}
