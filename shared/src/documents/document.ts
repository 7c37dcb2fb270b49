import * as z from 'zod';

/** `all`: every participant of the meeting; `named`: only the listed readers (and the chair and secretary). */
export const DocumentVisibilitySchema = z.enum(['all', 'named']);
export type DocumentVisibility = z.infer<typeof DocumentVisibilitySchema>;

export const DocumentVersionStatusSchema = z.enum(['processing', 'ready', 'failed']);
export type DocumentVersionStatus = z.infer<typeof DocumentVersionStatusSchema>;

/** Where a version is in its processing: `queued`, then the ingest stages, then `done`. */
export const DocumentStageSchema = z.enum([
  'queued',
  'detecting',
  'converting',
  'inspecting',
  'linearizing',
  'thumbnails',
  'text',
  'done',
]);
export type DocumentStage = z.infer<typeof DocumentStageSchema>;

export const DocumentSourceKindSchema = z.enum(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt']);
export type DocumentSourceKind = z.infer<typeof DocumentSourceKindSchema>;

/** Why a version failed; the client translates these (the message also says it in both languages). */
export const DocumentFailureReasonSchema = z.enum([
  'empty',
  'unsupported_type',
  'zip_bomb',
  'corrupt',
  'encrypted',
  'too_many_pages',
  'conversion_failed',
  'timeout',
  'interrupted',
  'internal',
]);
export type DocumentFailureReason = z.infer<typeof DocumentFailureReasonSchema>;

export const DOCUMENT_TITLE_MAX = 300;
export const DOCUMENT_READERS_MAX = 500;

/** Multipart form values arrive as strings: "true"/"false", "1"/"0", "on". */
const formBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(v)) return true;
  if (['false', '0', 'off', 'no', ''].includes(v)) return false;
  return value;
}, z.boolean());

/** `readerIds` may come as repeated fields, a JSON array or a comma-separated list. */
const formIdList = z.preprocess((value) => {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts.flatMap((part) => {
    if (typeof part !== 'string') return [part];
    const text = part.trim();
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text) as unknown[];
      } catch {
        return [text];
      }
    }
    return text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
  });
}, z.array(z.uuid()).max(DOCUMENT_READERS_MAX));

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The text fields of `POST /api/meetings/:meetingId/documents` (multipart, next to the `file` part).
 * Without a title, the file name (without extension) is used.
 */
export const UploadDocumentFieldsSchema = z
  .object({
    title: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(DOCUMENT_TITLE_MAX).optional()),
    agendaItemId: z.preprocess(emptyAsUndefined, z.uuid().optional()),
    visibility: z.preprocess(emptyAsUndefined, DocumentVisibilitySchema.default('all')),
    readerIds: formIdList.default([]),
    confidential: formBoolean.default(false),
  })
  .strict();
export type UploadDocumentFields = z.infer<typeof UploadDocumentFieldsSchema>;

/** `PATCH /api/meetings/:meetingId/documents/:documentId` (JSON). `agendaItemId: null` detaches it. */
export const UpdateDocumentSchema = z
  .object({
    title: z.string().trim().min(1).max(DOCUMENT_TITLE_MAX).optional(),
    agendaItemId: z.uuid().nullable().optional(),
    visibility: DocumentVisibilitySchema.optional(),
    readerIds: z.array(z.uuid()).max(DOCUMENT_READERS_MAX).optional(),
    confidential: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Không có gì để thay đổi / Nothing to change',
  });
export type UpdateDocumentRequest = z.infer<typeof UpdateDocumentSchema>;

/** `?version=N` of the file and my-copy routes; without it, the newest ready version. */
export const DocumentFileQuerySchema = z
  .object({ version: z.coerce.number().int().min(1).max(100_000).optional() })
  .strict();
export type DocumentFileQuery = z.infer<typeof DocumentFileQuerySchema>;

export interface DocumentFailure {
  reason: DocumentFailureReason;
  message: string;
}

export interface DocumentVersionResponse {
  number: number;
  status: DocumentVersionStatus;
  stage: DocumentStage;
  /** 0..100 while processing, 100 when ready. */
  progress: number;
  /** Null until the version is ready. */
  pageCount: number | null;
  /** Size of the uploaded file. */
  sizeBytes: number;
  sourceKind: DocumentSourceKind;
  /** The uploaded file's name, cleaned for display. */
  fileName: string;
  createdAt: string;
  readyAt: string | null;
  failure: DocumentFailure | null;
}

/**
 * Where a range-reading viewer (pdf.js) finds what it needs before it paints page 1 of the served
 * linearized PDF: the bytes [0, headEnd) and [tailStart, fileBytes). Both ranges can be fetched
 * side by side instead of in pdf.js's serial round trips.
 */
export interface FastOpenHint {
  /** End of the first-page section (the linearization dictionary's /E). */
  headEnd: number;
  /** Start of the main cross-reference section and the page-tree objects on the way to the last page. */
  tailStart: number;
}

export interface DocumentResponse {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  title: string;
  /** Name of the newest ready version's file (or of the first upload while it is processing). */
  fileName: string;
  visibility: DocumentVisibility;
  /** Null unless the caller is the chair or the secretary. */
  readerIds: string[] | null;
  confidential: boolean;
  /** The newest ready version, served by default; null while the first one is processing or failed. */
  currentVersion: number | null;
  /** The newest version uploaded, whatever its state. */
  latestVersion: number;
  /** State of the newest version (so an upload in progress shows up). */
  status: DocumentVersionStatus;
  stage: DocumentStage;
  progress: number;
  pageCount: number;
  sizeBytes: number;
  /**
   * Size of the current version's served PDF; null while there is none, or when confidential
   * (each reader gets a stamped copy of another size).
   */
  fileBytes: number | null;
  /** For the current version's served PDF; null when confidential or unknown. */
  fastOpen: FastOpenHint | null;
  /** The newest version the caller has opened; below `currentVersion`: "new version available". */
  lastOpenedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentDetailResponse extends DocumentResponse {
  /** Newest first. Participants who are not organisers only see ready versions. */
  versions: DocumentVersionResponse[];
}

/** One reader of one version (`GET .../documents/:documentId/receipts`, chair and secretary). */
export interface ReadReceiptResponse {
  userId: string;
  displayName: string;
  unitName: string | null;
  version: number;
  firstOpenedAt: string;
  lastOpenedAt: string;
  openCount: number;
}

/** Response header set on the file of a confidential document: the client hides download and print. */
export const CONFIDENTIAL_HEADER = 'X-Document-Confidential';
