import {
  CreateAnnotationSchema,
  DocumentFileQuerySchema,
  SearchQuerySchema,
  UpdateAnnotationSchema,
  UpdateDocumentSchema,
} from '@app/shared';
import { createZodDto } from 'nestjs-zod';
import * as z from 'zod';

export class UpdateDocumentDto extends createZodDto(UpdateDocumentSchema) {}
export class DocumentFileQueryDto extends createZodDto(DocumentFileQuerySchema) {}
export class SearchQueryDto extends createZodDto(SearchQuerySchema) {}
export class CreateAnnotationDto extends createZodDto(CreateAnnotationSchema) {}
export class UpdateAnnotationDto extends createZodDto(UpdateAnnotationSchema) {}

const DocumentParamsSchema = z.object({ meetingId: z.uuid(), documentId: z.uuid() });

export class MeetingParamsDto extends createZodDto(z.object({ meetingId: z.uuid() })) {}
export class DocumentParamsDto extends createZodDto(DocumentParamsSchema) {}
export class ThumbnailParamsDto extends createZodDto(
  DocumentParamsSchema.extend({
    version: z.coerce.number().int().min(1).max(100_000),
    page: z.coerce.number().int().min(1).max(100_000),
  }),
) {}
export class AnnotationParamsDto extends createZodDto(DocumentParamsSchema.extend({ annotationId: z.uuid() })) {}
