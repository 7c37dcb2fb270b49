import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';

/** Ids and numbers only ever come from the database, but a path is built from nothing else. */
const SAFE_SEGMENT = /^[0-9a-zA-Z-]{1,64}$/;

function segment(value: string): string {
  if (!SAFE_SEGMENT.test(value)) throw new Error(`unsafe path segment ${JSON.stringify(value)}`);
  return value;
}

export interface VersionRef {
  meetingId: string;
  documentId: string;
  number: number;
}

/**
 * Where the files of documents live: `<documentsDir>/<meetingId>/<documentId>/v<N>/` holds the
 * uploaded `source.<kind>`, the served linearized `document.pdf`, `thumbnails/<page>.png` and the
 * per-reader stamped copies of confidential documents in `stamped/` (`<userId>.pdf`, with the page
 * thumbnails rendered from it in `<userId>.thumbnails/`). Upload names are never paths.
 */
@Injectable()
export class DocumentStorage {
  constructor(private readonly config: AppConfig) {}

  get uploadTmpDir(): string {
    return join(this.config.dataDir, 'tmp', 'uploads');
  }

  documentDir(meetingId: string, documentId: string): string {
    return join(this.config.documentsDir, segment(meetingId), segment(documentId));
  }

  versionDir(ref: VersionRef): string {
    if (!Number.isInteger(ref.number) || ref.number < 1) throw new Error(`bad version number ${ref.number}`);
    return join(this.documentDir(ref.meetingId, ref.documentId), `v${ref.number}`);
  }

  sourcePath(ref: VersionRef, kind: string): string {
    return join(this.versionDir(ref), `source.${segment(kind)}`);
  }

  pdfPath(ref: VersionRef): string {
    return join(this.versionDir(ref), 'document.pdf');
  }

  thumbnailPath(ref: VersionRef, page: number): string {
    return join(this.versionDir(ref), 'thumbnails', `${page}.png`);
  }

  stampedPath(ref: VersionRef, userId: string): string {
    return join(this.versionDir(ref), 'stamped', `${segment(userId)}.pdf`);
  }

  /** Page thumbnails rendered from the stamped copy of `stampedPath`, kept next to it. */
  stampedThumbnailsDir(ref: VersionRef, userId: string): string {
    return join(this.versionDir(ref), 'stamped', `${segment(userId)}.thumbnails`);
  }

  workDir(ref: VersionRef): string {
    return join(this.versionDir(ref), 'work');
  }

  /** Where documents stored before versions existed kept their one PDF. */
  legacyPath(meetingId: string, documentId: string): string {
    return join(this.config.documentsDir, segment(meetingId), `${segment(documentId)}.pdf`);
  }

  async removeDocument(meetingId: string, documentId: string): Promise<void> {
    await rm(this.documentDir(meetingId, documentId), { recursive: true, force: true });
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { sha256: hash.digest('hex'), size };
}
