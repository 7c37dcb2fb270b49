import { Module } from '@nestjs/common';

import { DocumentsModule } from '../documents/documents.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [DocumentsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class SeedModule {}
