import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

@Module({
  imports: [TypeOrmModule.forRootAsync({ inject: [AppConfig], useFactory: dataSourceOptions })],
})
export class DatabaseModule {}
