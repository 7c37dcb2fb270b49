import type { HealthResponse } from '@app/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { MediaWorkerPool } from '../media/media-worker-pool';

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: MediaWorkerPool,
  ) {}

  async check(): Promise<HealthResponse> {
    const database = { ok: await this.databaseReachable() };
    const mediaWorkers = this.pool.health();
    const ok = database.ok && mediaWorkers.length > 0 && mediaWorkers.every((w) => w.alive);
    return { status: ok ? 'ok' : 'degraded', database, mediaWorkers, uptimeSeconds: Math.round(process.uptime()) };
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
