import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { RecordingStorage } from '../conference/recording/recording-storage';
import { Participant } from '../meetings/participant.entity';
import { DocumentStorage } from '../documents/storage/document-storage';
import { MinutesModule } from '../minutes/minutes.module';
import { ArchiveContents } from './archive-contents';
import { ArchiveJob } from './archive-job.entity';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

@Module({
  // Participant: for the meeting-access guard. DocumentStorage and RecordingStorage are stateless:
  // their own instances here keep the archive independent of how their modules wire providers.
  imports: [TypeOrmModule.forFeature([ArchiveJob, Participant]), MinutesModule],
  controllers: [ArchiveController],
  providers: [ArchiveService, ArchiveContents, DocumentStorage, RecordingStorage],
})
export class ArchiveModule {}
