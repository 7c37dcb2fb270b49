import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ZodValidationPipe } from 'nestjs-zod';

import { ArchiveModule } from './archive/archive.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { LoggingModule } from './common/logging/logging.module';
import { ConferenceModule } from './conference/conference.module';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MinutesModule } from './minutes/minutes.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PeopleModule } from './people/people.module';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { SeedModule } from './seed/seed.module';
import { SystemModule } from './system/system.module';

@Module({})
export class AppModule {
  /** `config` lets integration tests boot the real app on `:memory:` sqlite and a temp data dir. */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        ServeStaticModule.forRoot({ rootPath: config.clientDistDir, exclude: ['/api/{*path}', '/socket.io/{*path}'] }),
        AuditModule,
        AuthModule,
        NotificationsModule,
        HealthModule,
        MeetingsModule,
        DocumentsModule,
        LiveModule,
        ConferenceModule,
        PeopleModule,
        MinutesModule,
        SatisfactionModule,
        ArchiveModule,
        SeedModule,
        SystemModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
