import { ListMeetingsQuerySchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';
import * as z from 'zod';

export class ListMeetingsQueryDto extends createZodDto(ListMeetingsQuerySchema) {}

export class MeetingIdParamDto extends createZodDto(z.object({ meetingId: z.uuid() })) {}
