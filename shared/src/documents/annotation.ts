import * as z from 'zod';

export const AnnotationKindSchema = z.enum(['note', 'highlight']);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

export const ANNOTATION_TEXT_MAX = 4000;
export const ANNOTATION_RECTS_MAX = 200;
export const DEFAULT_HIGHLIGHT_COLOR = '#ffd54f';

/** A rectangle on the page, normalised 0..1 from the top-left corner of the page as displayed. */
export const AnnotationRectSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().min(0).max(1),
    h: z.number().min(0).max(1),
  })
  .strict()
  .refine((r) => r.x + r.w <= 1.000001 && r.y + r.h <= 1.000001, {
    message: 'Hình chữ nhật vượt ra ngoài trang / The rectangle leaves the page',
  });
export type AnnotationRect = z.infer<typeof AnnotationRectSchema>;

const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Màu dạng #rrggbb / A colour as #rrggbb');

const annotationText = z.string().trim().max(ANNOTATION_TEXT_MAX);

/** A private note (text, optionally anchored at a rect) or a highlight (rects, optional comment). */
export const CreateAnnotationSchema = z
  .object({
    kind: AnnotationKindSchema,
    version: z.number().int().min(1),
    page: z.number().int().min(1),
    text: annotationText.optional(),
    rects: z.array(AnnotationRectSchema).max(ANNOTATION_RECTS_MAX).default([]),
    color: ColorSchema.default(DEFAULT_HIGHLIGHT_COLOR),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.kind === 'highlight' && body.rects.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rects'],
        message: 'Đánh dấu cần ít nhất một vùng / A highlight needs at least one rectangle',
      });
    }
    if (body.kind === 'note' && !body.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'Ghi chú cần nội dung / A note needs text' });
    }
  });
export type CreateAnnotationRequest = z.infer<typeof CreateAnnotationSchema>;

export const UpdateAnnotationSchema = z
  .object({
    text: annotationText.nullable().optional(),
    rects: z.array(AnnotationRectSchema).max(ANNOTATION_RECTS_MAX).optional(),
    color: ColorSchema.optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Không có gì để thay đổi / Nothing to change',
  });
export type UpdateAnnotationRequest = z.infer<typeof UpdateAnnotationSchema>;

/** Only ever sent to its author. */
export interface AnnotationResponse {
  id: string;
  documentId: string;
  kind: AnnotationKind;
  version: number;
  page: number;
  text: string | null;
  rects: AnnotationRect[];
  color: string;
  createdAt: string;
  updatedAt: string;
}
