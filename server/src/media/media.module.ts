import { Module } from '@nestjs/common';
import { createWorker } from 'mediasoup';

import { CREATE_MEDIA_WORKER, MediaWorkerPool } from './media-worker-pool';

@Module({
  providers: [MediaWorkerPool, { provide: CREATE_MEDIA_WORKER, useValue: createWorker }],
  exports: [MediaWorkerPool],
})
export class MediaModule {}
