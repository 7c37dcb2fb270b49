import { abortReason, ToolOutputTooLargeError, ToolStartError, ToolTimeoutError } from './run-tool';
import { IngestError, IngestFailure } from './ingest.types';

/** What the user reads for each reason: 'Vietnamese / English', like every message of the API. */
const MESSAGES: Record<IngestFailure, string> = {
  empty: 'Tệp rỗng (0 byte) / The file is empty (0 bytes)',
  unsupported_type:
    'Định dạng tệp không được hỗ trợ; chỉ nhận PDF, Word, Excel, PowerPoint hoặc ODT / ' +
    'Unsupported file format; only PDF, Word, Excel, PowerPoint or ODT files are accepted',
  zip_bomb:
    'Tệp nén bất thường (giải nén ra quá lớn hoặc quá nhiều phần), đã bị từ chối / ' +
    'Suspicious archive (expands far too much or has too many parts), refused',
  corrupt: 'Tệp bị hỏng hoặc không đọc được / The file is damaged or cannot be read',
  encrypted:
    'Tệp được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại / ' +
    'The file is password-protected; remove the password and upload it again',
  too_many_pages: 'Tài liệu có quá nhiều trang / The document has too many pages',
  conversion_failed: 'Không chuyển được tài liệu sang PDF / The document could not be converted to PDF',
  timeout: 'Xử lý tài liệu quá thời gian cho phép / Processing the document took too long',
};

export function ingestError(reason: IngestFailure, detail?: string, message = MESSAGES[reason]): IngestError {
  return new IngestError(reason, message, detail);
}

export function tooManyPagesError(pages: number, maxPages: number): IngestError {
  return ingestError(
    'too_many_pages',
    `${pages} pages > ${maxPages}`,
    `Tài liệu có ${pages} trang, vượt giới hạn ${maxPages} trang / ` +
      `The document has ${pages} pages, over the limit of ${maxPages}`,
  );
}

/**
 * Every failure of the pipeline as an IngestError — except a caller's abort, which rejects with the
 * signal's reason like fetch() does.
 */
export function toIngestError(error: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return abortReason(signal);
  if (error instanceof IngestError) return error;
  if (error instanceof ToolTimeoutError) return ingestError('timeout', `${error.message}\n${error.stderr}`.trim());
  if (error instanceof ToolStartError || error instanceof ToolOutputTooLargeError) {
    return ingestError('conversion_failed', error.message);
  }
  return ingestError('conversion_failed', error instanceof Error ? error.message : String(error));
}

/** A tool's stderr as error detail: the command, its exit code and its complaint. */
export function toolDetail(command: string, exitCode: number | null, stderr: string): string {
  return `${command} exited with ${exitCode}: ${stderr.trim().slice(-2_000)}`;
}
