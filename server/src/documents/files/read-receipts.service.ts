import type { ReadReceiptResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';

import { DocumentVersion } from '../document-version.entity';
import { ReadReceipt } from './read-receipt.entity';

/** Who opened which version and when; the chair and the secretary see them. */
@Injectable()
export class ReadReceiptsService {
  constructor(@InjectRepository(ReadReceipt) private readonly receipts: Repository<ReadReceipt>) {}

  /** `opened`: a new reading (not a viewer fetching further ranges of the same one). */
  async record(version: DocumentVersion, userId: string, opened: boolean, now = new Date()): Promise<void> {
    const existing = await this.receipts.findOneBy({ versionId: version.id, userId });
    if (existing) {
      await this.touch(existing.id, opened, now);
      return;
    }
    try {
      await this.receipts.insert({
        documentId: version.documentId,
        versionId: version.id,
        version: version.number,
        userId,
        firstOpenedAt: now,
        lastOpenedAt: now,
        openCount: 1,
      });
    } catch (error) {
      // Two first requests at once: the other one inserted it.
      if (!(error instanceof QueryFailedError)) throw error;
      const row = await this.receipts.findOneByOrFail({ versionId: version.id, userId });
      await this.touch(row.id, opened, now);
    }
  }

  async list(documentId: string): Promise<ReadReceiptResponse[]> {
    const rows = await this.receipts.find({
      where: { documentId },
      relations: { user: { unit: true } },
      order: { version: 'DESC', lastOpenedAt: 'DESC' },
    });
    return rows.map((row) => ({
      userId: row.userId,
      displayName: row.user.displayName,
      unitName: row.user.unit?.name ?? null,
      version: row.version,
      firstOpenedAt: row.firstOpenedAt.toISOString(),
      lastOpenedAt: row.lastOpenedAt.toISOString(),
      openCount: row.openCount,
    }));
  }

  private async touch(id: string, opened: boolean, now: Date): Promise<void> {
    await this.receipts.update(
      { id },
      { lastOpenedAt: now, ...(opened ? { openCount: () => '"openCount" + 1' } : {}) },
    );
  }
}
