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
        // WAL with synchronous=NORMAL: a commit survives a crash of the process; only checkpoints
        // wait for the disk (an fsync here can take 100+ ms, too long for every page turn). What
        // must survive a power cut too (ballots) commits with FULL: see withDurableCommit.
        await dataSource.query('PRAGMA synchronous = NORMAL');
        serializeSqliteAccess(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
