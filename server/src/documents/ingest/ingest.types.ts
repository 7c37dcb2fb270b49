import type { FastOpenHint } from '@app/shared';

/** The contract between the documents feature and its ingest pipeline (detect → convert → inspect → linearize → thumbnails → text). */

export type SourceKind = 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'ppt' | 'pptx' | 'odt';

export interface DetectedType {
  kind: SourceKind;
  /** The MIME type of the detected content (never the one the client claimed). */
  mimeType: string;
}

export type IngestStage = 'detecting' | 'converting' | 'inspecting' | 'linearizing' | 'thumbnails' | 'text' | 'done';

export interface IngestProgress {
  stage: IngestStage;
  /** Overall progress 0..100, monotonic. */
  percent: number;
}

export interface IngestResult {
  kind: SourceKind;
  pageCount: number;
  /** Linearized PDF ("fast web view") inside the work folder. */
  pdfPath: string;
  /** What pdf.js reads of `pdfPath` before page 1 (see fast-open-hint.ts); null if unknown. */
  fastOpen: FastOpenHint | null;
  /** One PNG thumbnail per page inside the work folder; index = page - 1. */
  thumbnailPaths: string[];
  /** Text of each page (NFC); index = page - 1. */
  pageTexts: string[];
}

export type IngestFailure =
  | 'empty'
  | 'unsupported_type'
  | 'zip_bomb'
  | 'corrupt'
  | 'encrypted'
  | 'too_many_pages'
  | 'conversion_failed'
  | 'timeout';

/** A document that cannot be ingested, with a reason the UI can show. Never a crash. */
export class IngestError extends Error {
  constructor(
    readonly reason: IngestFailure,
    message: string,
    /** Technical detail for the server log (the tool's stderr); not meant for users. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
