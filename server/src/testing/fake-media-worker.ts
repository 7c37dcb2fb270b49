import { EventEmitter } from 'node:events';

import type { CreateMediaWorker, MediaWorker } from '../media/media-worker-pool';

/** Stands in for a mediasoup Worker where a test is about HTTP, not media. */
export class FakeMediaWorker extends EventEmitter {
  private static nextPid = 10_000;
  readonly pid = FakeMediaWorker.nextPid++;
  died = false;
  closed = false;

  close(): void {
    this.closed = true;
  }

  /** Simulates the worker process dying, as mediasoup reports it. */
  die(): void {
    this.died = true;
    this.emit('died', new Error(`fake worker ${this.pid} killed`));
  }
}

export function fakeWorkerFactory(created: FakeMediaWorker[] = []): CreateMediaWorker {
  return async () => {
    const worker = new FakeMediaWorker();
    created.push(worker);
    return worker as unknown as MediaWorker;
  };
}
