import type { Readable } from 'node:stream';

import { Entry, openPromise, ZipFile } from 'yauzl';

import { ingestError } from './ingest-errors';
import type { ZipLimits } from './ingest-options';
import { IngestError, SourceKind } from './ingest.types';

const ODT_MIME = 'application/vnd.oasis.opendocument.text';

/**
 * Tells DOCX / XLSX / PPTX / ODT apart by their parts, read straight from the archive (nothing is
 * extracted to disk), and refuses ZIP bombs before LibreOffice ever sees them: first on the sizes
 * the archive declares, then by inflating every entry in memory, counting bytes, so an archive
 * that lies about its sizes is caught too (yauzl fails an entry that inflates past its declared size).
 */
export async function inspectZip(filePath: string, limits: ZipLimits): Promise<SourceKind> {
  let zip: ZipFile;
  try {
    zip = await openPromise(filePath, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    throw ingestError('corrupt', `zip: ${(error as Error).message}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw ingestError('zip_bomb', `${zip.entryCount} entries > ${limits.maxEntries}`);
    }
    const entries = await listEntries(zip, limits);
    const kind = await kindOf(zip, entries);
    if (!kind) throw ingestError('unsupported_type', 'zip without OOXML or ODT parts');
    if (entries.some((entry) => entry.isEncrypted())) throw ingestError('encrypted', 'zip entries are encrypted');
    await inflateAll(zip, entries, limits.maxTotalBytes);
    return kind;
  } finally {
    zip.close();
  }
}

async function listEntries(zip: ZipFile, limits: ZipLimits): Promise<Entry[]> {
  const entries: Entry[] = [];
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) {
        throw ingestError('zip_bomb', `declares over ${limits.maxTotalBytes} bytes uncompressed`);
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxRatio) {
        throw ingestError('zip_bomb', `${entry.fileName}: compression ratio ${Math.round(ratio)}:1`);
      }
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw ingestError('corrupt', `zip: ${(error as Error).message}`);
  }
  return entries;
}

async function kindOf(zip: ZipFile, entries: Entry[]): Promise<SourceKind | null> {
  const names = new Set(entries.map((entry) => entry.fileName));
  const mimetype = entries.find((entry) => entry.fileName === 'mimetype');
  if (mimetype) {
    // ODF: the first entry, stored, holds the document's MIME type (ODS/ODP are not accepted).
    const content = mimetype.uncompressedSize <= 200 ? await readSmallEntry(zip, mimetype) : '';
    return content.trim() === ODT_MIME ? 'odt' : null;
  }
  if (!names.has('[Content_Types].xml')) return null;
  const hasPart = (folder: string) => entries.some((entry) => entry.fileName.startsWith(folder));
  if (hasPart('word/')) return 'docx';
  if (hasPart('xl/')) return 'xlsx';
  if (hasPart('ppt/')) return 'pptx';
  return null;
}

async function readSmallEntry(zip: ZipFile, entry: Entry): Promise<string> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    throw ingestError('corrupt', `zip ${entry.fileName}: ${(error as Error).message}`);
  }
}

async function inflateAll(zip: ZipFile, entries: Entry[], maxTotalBytes: number): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    let stream: Readable | undefined;
    try {
      stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        total += (chunk as Buffer).length;
        if (total > maxTotalBytes) throw ingestError('zip_bomb', `inflates past ${maxTotalBytes} bytes`);
      }
    } catch (error) {
      stream?.destroy();
      if (error instanceof IngestError) throw error;
      const message = (error as Error).message;
      // More bytes than declared: the sizes lie, the classic way to slip a bomb past a size check.
      const reason = message.startsWith('too many bytes') ? 'zip_bomb' : 'corrupt';
      throw ingestError(reason, `zip ${entry.fileName}: ${message}`);
    }
  }
}
