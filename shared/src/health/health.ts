export interface MediaWorkerHealth {
  pid: number;
  alive: boolean;
  /** Times this pool slot's worker died and was replaced since boot. */
  restarts: number;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { ok: boolean };
  mediaWorkers: MediaWorkerHealth[];
  uptimeSeconds: number;
}
