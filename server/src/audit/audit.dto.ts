import { ListAuditQuerySchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';

export class ListAuditQueryDto extends createZodDto(ListAuditQuerySchema) {}
