import type { AnnotationResponse } from '@app/shared';

import { DocumentAnnotation } from './document-annotation.entity';

export function mapAnnotation(annotation: DocumentAnnotation): AnnotationResponse {
  return {
    id: annotation.id,
    documentId: annotation.documentId,
    kind: annotation.kind,
    version: annotation.version,
    page: annotation.page,
    text: annotation.text,
    rects: annotation.rects,
    color: annotation.color,
    createdAt: annotation.createdAt.toISOString(),
    updatedAt: annotation.updatedAt.toISOString(),
  };
}
