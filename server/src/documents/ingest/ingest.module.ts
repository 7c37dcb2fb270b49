import { Module } from '@nestjs/common';

import { DocumentIngestService } from './document-ingest.service';

/** The ingest pipeline; needs only AppConfig (global). The documents feature imports it. */
@Module({
  providers: [DocumentIngestService],
  exports: [DocumentIngestService],
})
export class IngestModule {}
