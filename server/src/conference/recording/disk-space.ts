import { statfs } from 'node:fs/promises';

import { Injectable } from '@nestjs/common';

/** The file system's free space, behind a provider so that a test can fill the disk without filling it. */
@Injectable()
export class DiskSpace {
  /** Bytes the server may still write on the file system holding `path` (what is not reserved for root). */
  async freeBytes(path: string): Promise<number> {
    const stats = await statfs(path);
    return stats.bavail * stats.bsize;
  }
}
