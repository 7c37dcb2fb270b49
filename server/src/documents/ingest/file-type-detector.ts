import { open } from 'node:fs/promises';

import { ingestError } from './ingest-errors';
import type { ZipLimits } from './ingest-options';
import { DetectedType, SourceKind } from './ingest.types';
import { inspectOle } from './ole-inspector';
import { inspectZip } from './zip-inspector';

export const MIME_TYPES: Record<SourceKind, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
};

const HEAD_BYTES = 1024;
const PDF_MAGIC = Buffer.from('%PDF-');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGICS = [Buffer.from('PK\x03\x04'), Buffer.from('PK\x05\x06')];

/** The type of a file from its bytes only; the name and the client's claim are never trusted. */
export async function detectFileType(filePath: string, zipLimits: ZipLimits): Promise<DetectedType> {
  const head = await readHead(filePath);
  if (head.length === 0) throw ingestError('empty');
  let kind: SourceKind;
  // Readers accept junk before the header (mail gateways add some), so look in the first 1 KB.
  if (head.includes(PDF_MAGIC)) kind = 'pdf';
  else if (startsWith(head, OLE_MAGIC)) kind = await inspectOle(filePath);
  else if (ZIP_MAGICS.some((magic) => startsWith(head, magic))) kind = await inspectZip(filePath, zipLimits);
  else throw ingestError('unsupported_type', `head: ${head.subarray(0, 16).toString('hex')}`);
  return { kind, mimeType: MIME_TYPES[kind] };
}

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWith(buffer: Buffer, magic: Buffer): boolean {
  return buffer.length >= magic.length && buffer.subarray(0, magic.length).equals(magic);
}
