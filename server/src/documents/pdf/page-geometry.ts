import type { AnnotationRect } from '@app/shared';
import type { PDFPage } from 'pdf-lib';

export interface PdfBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Maps a rectangle normalised 0..1 from the top-left of the page *as displayed* (what the viewer
 * and the client use) to PDF user space, honouring the crop box and the page's /Rotate.
 */
export function toUserSpace(page: PDFPage, rect: AnnotationRect): PdfBox {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  const { x, y, width: W, height: H } = box;
  switch (rotation) {
    case 90: // displayed left→right runs up the page, top→bottom runs left→right
      return { x: x + rect.y * W, y: y + rect.x * H, width: rect.h * W, height: rect.w * H };
    case 180:
      return { x: x + (1 - rect.x - rect.w) * W, y: y + rect.y * H, width: rect.w * W, height: rect.h * H };
    case 270:
      return {
        x: x + (1 - rect.y - rect.h) * W,
        y: y + (1 - rect.x - rect.w) * H,
        width: rect.h * W,
        height: rect.w * H,
      };
    default:
      return { x: x + rect.x * W, y: y + (1 - rect.y - rect.h) * H, width: rect.w * W, height: rect.h * H };
  }
}

/** The page's rotation, normalised to 0, 90, 180 or 270. */
export function pageRotation(page: PDFPage): number {
  return ((page.getRotation().angle % 360) + 360) % 360;
}
