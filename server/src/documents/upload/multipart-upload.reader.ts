import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';

import {
  DomainError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../common/errors/domain-errors';
import { AppConfig } from '../../config/app-config';
import { DocumentStorage } from '../storage/document-storage';
import { cleanFileName } from './file-name';

/** An upload streamed to a temp file; `discard()` removes it unless it was moved away. */
export interface ReceivedUpload {
  file: { path: string; fileName: string; size: number; sha256: string } | null;
  fields: Record<string, string | string[]>;
  discard(): Promise<void>;
}

export const FILE_FIELD = 'file';
/** Room for the multipart framing and the text fields on top of the file itself. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

export function tooLargeError(maxBytes: number): PayloadTooLargeError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new PayloadTooLargeError(`Tệp vượt quá giới hạn ${mb} MB / The file is larger than the ${mb} MB limit`, [
    { path: FILE_FIELD, message: `max ${maxBytes} bytes` },
  ]);
}

/**
 * Streams a `multipart/form-data` request to a temp file under DATA_DIR (never into memory),
 * hashing it on the way, with the upload size limit. Whatever goes wrong, the partial file is
 * removed and the rest of the request is drained so the client reads the error.
 */
@Injectable()
export class MultipartUploadReader {
  constructor(
    private readonly config: AppConfig,
    private readonly storage: DocumentStorage,
  ) {}

  async receive(req: Request): Promise<ReceivedUpload> {
    const maxBytes = this.config.documents.maxBytes;
    if (!req.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeError(
        'Hãy gửi tệp dạng multipart/form-data / Send the file as multipart/form-data',
      );
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD_BYTES) throw tooLargeError(maxBytes);
    await mkdir(this.storage.uploadTmpDir, { recursive: true });
    const tmpPath = join(this.storage.uploadTmpDir, randomUUID());
    const discard = () => rm(tmpPath, { force: true });
    try {
      const parsed = await this.parse(req, tmpPath, maxBytes);
      return { ...parsed, discard };
    } catch (error) {
      await discard();
      throw error;
    }
  }

  private parse(req: Request, tmpPath: string, maxBytes: number): Promise<Omit<ReceivedUpload, 'discard'>> {
    return new Promise((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          defParamCharset: 'utf8',
          limits: { fileSize: maxBytes, files: 1, fields: 40, fieldSize: 64 * 1024, parts: 41, headerPairs: 50 },
        });
      } catch (error) {
        reject(
          new ValidationError(
            `Yêu cầu multipart không hợp lệ / Malformed multipart request: ${(error as Error).message}`,
          ),
        );
        return;
      }
      const fields: Record<string, string | string[]> = {};
      let file: ReceivedUpload['file'] = null;
      let written: Promise<void> = Promise.resolve();
      let failure: DomainError | null = null;
      let settled = false;
      const fail = (error: DomainError) => (failure ??= error);
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        req.unpipe(parser);
        if (error) {
          req.resume(); // drain what is left so the response can be read
          reject(error);
          return;
        }
        written.then(
          () => (failure ? reject(failure) : resolve({ file, fields })),
          (writeError: Error) => reject(failure ?? writeError),
        );
      };

      parser.on('file', (name, stream, info) => {
        if (name !== FILE_FIELD || file) {
          stream.resume();
          fail(
            new ValidationError(
              `Chỉ gửi một tệp trong trường "${FILE_FIELD}" / Send exactly one file, in the "${FILE_FIELD}" field`,
            ),
          );
          return;
        }
        const hash = createHash('sha256');
        const current = { path: tmpPath, fileName: cleanFileName(info.filename), size: 0, sha256: '' };
        file = current;
        const out = createWriteStream(tmpPath, { flags: 'wx' });
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          current.size += chunk.length;
        });
        stream.on('limit', () => fail(tooLargeError(maxBytes)));
        written = new Promise<void>((done, broken) => {
          out.on('error', broken);
          stream.on('error', broken);
          out.on('finish', () => {
            current.sha256 = hash.digest('hex');
            done();
          });
        });
        written.catch(() => undefined); // observed in finish()
        stream.pipe(out);
      });
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated || info.nameTruncated) {
          fail(new ValidationError(`Trường "${name}" quá dài / Field "${name}" is too long`));
          return;
        }
        const previous = fields[name];
        fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      });
      const tooMany = () => fail(new ValidationError('Biểu mẫu có quá nhiều phần / The form has too many parts'));
      parser.on('filesLimit', tooMany);
      parser.on('fieldsLimit', tooMany);
      parser.on('partsLimit', tooMany);
      parser.on('error', (error: Error) =>
        finish(new ValidationError(`Yêu cầu multipart không hợp lệ / Malformed multipart request: ${error.message}`)),
      );
      parser.on('close', () => finish());
      req.on('aborted', () => finish(new ValidationError('Tải lên bị ngắt giữa chừng / The upload was interrupted')));
      req.pipe(parser);
    });
  }
}
