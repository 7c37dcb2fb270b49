import { readFile } from 'node:fs/promises';

import { CFB$Container, find, read } from 'cfb';

import { ingestError } from './ingest-errors';
import { SourceKind } from './ingest.types';

/**
 * DOC / XLS / PPT share one container format (OLE2 compound file); the streams at its root say
 * which one it is. A password-protected DOCX/XLSX/PPTX is ALSO an OLE2 file (EncryptionInfo +
 * EncryptedPackage), and legacy formats flag encryption in their own headers.
 */
export async function inspectOle(filePath: string): Promise<SourceKind> {
  let container: CFB$Container;
  try {
    container = read(await readFile(filePath), { type: 'buffer' });
  } catch (error) {
    throw ingestError('corrupt', `ole2: ${(error as Error).message}`);
  }
  const streams = new Set(
    container.FullPaths.map((path) => path.split('/'))
      .filter((parts) => parts.length === 2 && parts[1] !== '')
      .map((parts) => parts[1].toLowerCase()),
  );
  if (streams.has('encryptedpackage') || streams.has('encryptedsummary')) {
    throw ingestError('encrypted', 'ole2 with encrypted package');
  }
  if (streams.has('worddocument')) {
    if (wordIsEncrypted(container)) throw ingestError('encrypted', 'doc with fEncrypted');
    return 'doc';
  }
  if (streams.has('workbook') || streams.has('book')) return 'xls';
  if (streams.has('powerpoint document')) return 'ppt';
  throw ingestError('unsupported_type', `ole2 streams: ${[...streams].join(', ')}`);
}

/** [MS-DOC] FibBase: bit fEncrypted is the lowest bit of the byte at offset 0x0B. */
function wordIsEncrypted(container: CFB$Container): boolean {
  const stream = find(container, 'Root Entry/WordDocument');
  const content = stream?.content as ArrayLike<number> | undefined;
  return !!content && content.length > 0x0b && (content[0x0b] & 0x01) === 1;
}
