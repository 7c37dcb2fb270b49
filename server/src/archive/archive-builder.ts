import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { ArchiveManifest, ArchiveManifestEntry } from '@app/shared';
import archiver from 'archiver';

/** A stored file to copy into the ZIP. */
export interface FileEntry {
  name: string;
  path: string;
  /** The hash the database holds for it: a file that no longer matches fails the archive. */
  expectedSha256?: string | null;
}

/** A JSON document written into the ZIP. */
export interface JsonEntry {
  name: string;
  data: unknown;
}

/** Bytes made while planning (e.g. the minutes' PDF) written into the ZIP as they are. */
export interface BytesEntry {
  name: string;
  bytes: Buffer;
}

export interface ArchivePlan {
  meetingId: string;
  meetingTitle: string;
  json: JsonEntry[];
  files: FileEntry[];
  bytes?: BytesEntry[];
}

export interface BuiltArchive {
  sizeBytes: number;
  sha256: string;
  manifest: ArchiveManifest;
}

export class ArchiveFileError extends Error {}

/**
 * Streams the plan into one ZIP at `target`: each entry is hashed (SHA-256) while it is copied,
 * then `manifest.json` lists every entry with its size and hash. `onProgress` gets 0..100 by bytes
 * copied. Files go in stored (PDFs and Office files are compressed already); JSON is deflated.
 */
export async function buildArchive(
  plan: ArchivePlan,
  target: string,
  onProgress: (percent: number) => void,
  signal: AbortSignal,
  now = new Date(),
): Promise<BuiltArchive> {
  const memoryEntries = [
    ...plan.json.map((entry) => ({
      name: entry.name,
      bytes: Buffer.from(JSON.stringify(entry.data, null, 2) + '\n', 'utf8'),
    })),
    ...(plan.bytes ?? []),
  ];
  let total = memoryEntries.reduce((sum, j) => sum + j.bytes.length, 0);
  for (const file of plan.files) {
    try {
      total += (await stat(file.path)).size;
    } catch {
      throw new ArchiveFileError(`missing file for ${file.name}`);
    }
  }
  let done = 0;
  const advance = (bytes: number) => {
    done += bytes;
    onProgress(total ? Math.min(99, Math.floor((done / total) * 100)) : 99);
  };

  const archive = archiver('zip', { zlib: { level: 6 } });
  const zipHash = createHash('sha256');
  let zipSize = 0;
  const output = pipeline(
    archive,
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        zipHash.update(chunk);
        zipSize += chunk.length;
        callback(null, chunk);
      },
    }),
    createWriteStream(target),
    { signal },
  );
  const failure = new Promise<never>((_, reject) => {
    archive.on('error', reject);
    archive.on('warning', reject);
    output.catch(reject);
  });
  failure.catch(() => undefined);
  const entered = new Map<string, () => void>();
  archive.on('entry', (entry) => entered.get(entry.name)?.());
  const added = (name: string) => new Promise<void>((resolve) => entered.set(name, resolve));

  const manifest: ArchiveManifest = {
    format: 'e-cabinet-meeting-archive/1',
    meetingId: plan.meetingId,
    meetingTitle: plan.meetingTitle,
    createdAt: now.toISOString(),
    files: [],
  };
  try {
    for (const json of memoryEntries) {
      const wait = added(json.name);
      archive.append(json.bytes, { name: json.name, date: now });
      await Promise.race([wait, failure]);
      manifest.files.push(entryOf(json.name, json.bytes));
      advance(json.bytes.length);
    }
    for (const file of plan.files) {
      if (signal.aborted) throw signal.reason;
      manifest.files.push(await addFile(archive, file, now, advance, added(file.name), failure));
    }
    archive.append(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), { name: 'manifest.json', date: now });
    await Promise.race([archive.finalize(), failure]);
    await Promise.race([output, failure]);
  } catch (error) {
    archive.abort();
    await output.catch(() => undefined);
    throw error;
  }
  onProgress(100);
  return { sizeBytes: zipSize, sha256: zipHash.digest('hex'), manifest };
}

async function addFile(
  archive: archiver.Archiver,
  file: FileEntry,
  date: Date,
  advance: (bytes: number) => void,
  added: Promise<void>,
  failure: Promise<never>,
): Promise<ArchiveManifestEntry> {
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      advance(chunk.length);
      callback(null, chunk);
    },
  });
  archive.append(counter, { name: file.name, date, store: true });
  await Promise.race([Promise.all([pipeline(createReadStream(file.path), counter), added]), failure]);
  const sha256 = hash.digest('hex');
  if (file.expectedSha256 && file.expectedSha256 !== sha256) {
    throw new ArchiveFileError(`${file.name} no longer matches its recorded SHA-256`);
  }
  return { path: file.name, sizeBytes: size, sha256 };
}

function entryOf(name: string, bytes: Buffer): ArchiveManifestEntry {
  return { path: name, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
