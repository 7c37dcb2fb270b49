import { ListNotificationsQuerySchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';
import * as z from 'zod';

export class ListNotificationsQueryDto extends createZodDto(ListNotificationsQuerySchema) {}

export class NotificationIdParamDto extends createZodDto(z.object({ id: z.uuid() })) {}
