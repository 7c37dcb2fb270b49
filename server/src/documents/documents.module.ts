import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AgendaItem } from '../meetings/agenda-item.entity';
import { Participant } from '../meetings/participant.entity';
import { User } from '../people/user.entity';
import { AnnotationsController } from './annotations/annotations.controller';
import { AnnotationsService } from './annotations/annotations.service';
import { DocumentAnnotation } from './annotations/document-annotation.entity';
import { DocumentAccessService } from './document-access.service';
import { DocumentReader } from './document-reader.entity';
import { DocumentVersion } from './document-version.entity';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentFilesController } from './files/document-files.controller';
import { DocumentFilesService } from './files/document-files.service';
import { ReadReceipt } from './files/read-receipt.entity';
import { ReadReceiptsService } from './files/read-receipts.service';
import { StampedCopyService } from './files/stamped-copy.service';
import { DocumentIngestService } from './ingest/document-ingest.service';
import { IngestModule } from './ingest/ingest.module';
import { MeetingDocument } from './meeting-document.entity';
import { DocumentIngester } from './processing/document-ingester';
import { DocumentProcessingService } from './processing/document-processing.service';
import { VersionOutcomeService } from './processing/version-outcome.service';
import { DocumentPage } from './search/document-page.entity';
import { DocumentSearchController } from './search/document-search.controller';
import { DocumentSearchService } from './search/document-search.service';
import { DocumentStorage } from './storage/document-storage';
import { DocumentsUploadService } from './upload/documents-upload.service';
import { MultipartUploadReader } from './upload/multipart-upload.reader';

/** Meeting documents: upload, versions and their processing, access, serving, search, private notes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      MeetingDocument,
      DocumentVersion,
      DocumentReader,
      DocumentPage,
      ReadReceipt,
      DocumentAnnotation,
      Participant,
      AgendaItem,
      User,
    ]),
    IngestModule,
  ],
  controllers: [DocumentsController, DocumentFilesController, DocumentSearchController, AnnotationsController],
  providers: [
    { provide: DocumentIngester, useExisting: DocumentIngestService },
    DocumentStorage,
    DocumentAccessService,
    DocumentsService,
    MultipartUploadReader,
    DocumentsUploadService,
    VersionOutcomeService,
    DocumentProcessingService,
    ReadReceiptsService,
    StampedCopyService,
    DocumentFilesService,
    DocumentSearchService,
    AnnotationsService,
  ],
  /** The demo seed stores its PDFs as versions and queues them like uploads. */
  exports: [DocumentProcessingService, DocumentStorage],
})
export class DocumentsModule {}
