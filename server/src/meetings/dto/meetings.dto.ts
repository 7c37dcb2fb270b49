import {
  AddParticipantSchema,
  CreateAgendaItemSchema,
  CreateMeetingSchema,
  ListMeetingsQuerySchema,
  MeetingTransitionSchema,
  ReorderAgendaSchema,
  UpdateAgendaItemSchema,
  UpdateMeetingSchema,
  UpdateParticipantSchema,
} from '@app/shared';
import { createZodDto } from 'nestjs-zod';
import * as z from 'zod';

export class ListMeetingsQueryDto extends createZodDto(ListMeetingsQuerySchema) {}

export class MeetingIdParamDto extends createZodDto(z.object({ meetingId: z.uuid() })) {}

export class CreateMeetingDto extends createZodDto(CreateMeetingSchema) {}

export class UpdateMeetingDto extends createZodDto(UpdateMeetingSchema) {}

export class MeetingTransitionDto extends createZodDto(MeetingTransitionSchema) {}

export class AddParticipantDto extends createZodDto(AddParticipantSchema) {}

export class UpdateParticipantDto extends createZodDto(UpdateParticipantSchema) {}

export class ParticipantParamsDto extends createZodDto(z.object({ meetingId: z.uuid(), participantId: z.uuid() })) {}

export class CreateAgendaItemDto extends createZodDto(CreateAgendaItemSchema) {}

export class UpdateAgendaItemDto extends createZodDto(UpdateAgendaItemSchema) {}

export class ReorderAgendaDto extends createZodDto(ReorderAgendaSchema) {}

export class AgendaItemParamsDto extends createZodDto(z.object({ meetingId: z.uuid(), itemId: z.uuid() })) {}
