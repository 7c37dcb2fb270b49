import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** 'store' for ODF's `mimetype`; default deflate. */
  method?: 'store' | 'deflate';
}

/** A raw entry: the bytes as they go into the archive and the sizes it DECLARES (which may lie). */
export interface RawZipEntry {
  name: string;
  compressed: Buffer;
  method: 0 | 8;
  crc: number;
  declaredSize: number;
}

/** A minimal ZIP writer for test fixtures, able to write archives no honest tool would. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  return buildRawZip(
    entries.map(({ name, data, method }) => ({
      name,
      compressed: method === 'store' ? data : deflateRawSync(data),
      method: method === 'store' ? 0 : 8,
      crc: crc32(data),
      declaredSize: data.length,
    })),
  );
}

export function buildRawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A deflate stream of `mebibytes` MiB of zeros built without compressing them: one MiB of zeros
 * deflated with a sync flush is a byte-aligned, non-final block sequence, so repeating it N
 * times and closing with an empty final block inflates to N MiB (~1000:1). A 2 GiB bomb is a 2 MB
 * file made in milliseconds.
 */
export function deflatedZeros(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const end = Buffer.from([0x03, 0x00]); // final fixed-Huffman block with no data
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), end]);
}
