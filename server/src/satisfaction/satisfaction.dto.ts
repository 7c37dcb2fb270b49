import { RateMeetingSchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';

export class RateMeetingDto extends createZodDto(RateMeetingSchema) {}
