import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { serializeSqliteAccess } from './serialized-access';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: dataSourceOptions,
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        // WAL with synchronous=FULL: every commit is fsynced before it returns, so an acknowledged
        // ballot survives a power cut too (NORMAL only survives a crash of the process).
        await dataSource.query('PRAGMA synchronous = FULL');
        serializeSqliteAccess(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
