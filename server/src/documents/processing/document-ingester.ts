import type { DetectedType, IngestProgress, IngestResult } from '../ingest/ingest.types';

/**
 * What the documents feature needs from the ingest pipeline (`DocumentIngestService` in ./ingest):
 * an abstract class so it doubles as the injection token and tests can stand in for it.
 */
export abstract class DocumentIngester {
  /** The type from the content; throws IngestError (`empty`, `unsupported_type`, `zip_bomb`...). */
  abstract detect(filePath: string): Promise<DetectedType>;

  /** Convert, inspect, linearize, thumbnail and extract text; throws IngestError. */
  abstract ingest(
    inputPath: string,
    workDir: string,
    onProgress?: (progress: IngestProgress) => void,
    signal?: AbortSignal,
  ): Promise<IngestResult>;
}
