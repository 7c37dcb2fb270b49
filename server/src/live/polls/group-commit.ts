/** What one submitted item came to: its value, or the error its caller gets. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Batch<T, R> {
  items: Waiting<T, R>[];
  done: Promise<void>;
  finish: () => void;
}

/**
 * Group commit: items submitted while a flush runs wait for it, then go together in the next flush
 * (one transaction, one fsync for all of them). The first item of an idle queue is flushed at once,
 * so a lone ballot waits for nothing. `flush` answers one outcome per item, in order; each caller
 * hears back only after the flush returned (i.e. committed). If `flush` throws, every item of that
 * batch fails with the error, and nothing of it was stored.
 */
export class GroupCommit<T, R> {
  private readonly batches: Batch<T, R>[] = [];
  private running: Batch<T, R> | null = null;

  constructor(
    private readonly flush: (items: T[]) => Promise<ItemOutcome<R>[]>,
    private readonly maxBatch = 1000,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let batch = this.batches.at(-1);
      if (!batch || batch.items.length >= this.maxBatch) {
        let finish!: () => void;
        const done = new Promise<void>((resolveDone) => (finish = resolveDone));
        batch = { items: [], done, finish };
        this.batches.push(batch);
      }
      batch.items.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once everything submitted so far has been flushed (and answered). */
  settled(): Promise<void> {
    return (this.batches.at(-1) ?? this.running)?.done ?? Promise.resolve();
  }

  /** Nothing waiting and nothing being written. */
  get idle(): boolean {
    return !this.running && this.batches.length === 0;
  }

  private pump(): void {
    if (this.running) return;
    const batch = this.batches.shift();
    if (!batch) return;
    this.running = batch;
    void this.run(batch).finally(() => {
      this.running = null;
      batch.finish();
      this.pump();
    });
  }

  private async run(batch: Batch<T, R>): Promise<void> {
    let outcomes: ItemOutcome<R>[];
    try {
      outcomes = await this.flush(batch.items.map((waiting) => waiting.item));
    } catch (error: unknown) {
      for (const waiting of batch.items) waiting.reject(error);
      return;
    }
    batch.items.forEach((waiting, index) => {
      const outcome = outcomes[index] ?? { ok: false, error: new Error('No outcome for a submitted item') };
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
