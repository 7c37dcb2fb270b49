import { IngestProgress, IngestStage } from './ingest.types';

/**
 * Forwards progress to the caller's listener: whole percents, never going back, each change once.
 * A listener that throws (say, a closed socket) must not fail the ingest, so its errors are dropped.
 */
export class IngestProgressReporter {
  private last: IngestProgress | null = null;

  constructor(private readonly listener?: (progress: IngestProgress) => void) {}

  report(stage: IngestStage, percent: number): void {
    if (!this.listener) return;
    const clamped = Math.min(100, Math.max(this.last?.percent ?? 0, Math.floor(percent)));
    if (this.last && this.last.stage === stage && this.last.percent === clamped) return;
    this.last = { stage, percent: clamped };
    try {
      this.listener({ ...this.last });
    } catch {
      // The listener's problem, not the document's.
    }
  }
}
