import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { OrganisationUnit } from './organisation-unit.entity';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { User } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, OrganisationUnit])],
  controllers: [PeopleController],
  providers: [PeopleService],
})
export class PeopleModule {}
