import { ListUsersQuerySchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';

export class ListUsersQueryDto extends createZodDto(ListUsersQuerySchema) {}
