import { FinalizeMinutesSchema, UpdateMinutesSchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';

export class UpdateMinutesDto extends createZodDto(UpdateMinutesSchema) {}

export class FinalizeMinutesDto extends createZodDto(FinalizeMinutesSchema) {}
