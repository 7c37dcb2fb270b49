import { ANNOTATION_RECTS_MAX, AnnotationRect } from '@app/shared';

/** A rectangle in client pixels, as `getBoundingClientRect` gives it. */
export interface ClientRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * A client rectangle as fractions of the page box (0..1 from the page's top-left corner, as displayed),
 * clipped to the page. Zoom and screen size do not change it, so a highlight lands on the same words on
 * every device. Null when nothing of it is on the page.
 */
export function normaliseRect(rect: ClientRect, page: ClientRect): AnnotationRect | null {
  if (page.width <= 0 || page.height <= 0) {
    return null;
  }
  const x1 = clamp((rect.left - page.left) / page.width);
  const y1 = clamp((rect.top - page.top) / page.height);
  const x2 = clamp((rect.left + rect.width - page.left) / page.width);
  const y2 = clamp((rect.top + rect.height - page.top) / page.height);
  if (x2 - x1 <= 0 || y2 - y1 <= 0) {
    return null;
  }
  return { x: round(x1), y: round(y1), w: round(x2 - x1), h: round(y2 - y1) };
}

/** A point of a tap as fractions of the page box, or null when the tap is outside the page. */
export function normalisePoint(x: number, y: number, page: ClientRect): { x: number; y: number } | null {
  const nx = (x - page.left) / page.width;
  const ny = (y - page.top) / page.height;
  return nx < 0 || nx > 1 || ny < 0 || ny > 1 ? null : { x: round(nx), y: round(ny) };
}

/** The small square a note is anchored at, kept inside the page. */
export function noteAnchor(point: { x: number; y: number }, size = 0.03): AnnotationRect {
  return {
    x: round(Math.min(point.x, 1 - size)),
    y: round(Math.min(point.y, 1 - size)),
    w: size,
    h: size,
  };
}

/**
 * Text selections come as one rectangle per text run; joins those on the same line that touch or
 * overlap, so a highlighted line is one rectangle (and stays under the server's limit).
 */
export function mergeLineRects(rects: AnnotationRect[]): AnnotationRect[] {
  const lines: AnnotationRect[][] = [];
  for (const rect of [...rects].filter((r) => r.w > 0 && r.h > 0).sort((a, b) => a.y - b.y)) {
    const line = lines.find((candidate) => sameLine(candidate[0], rect));
    if (line) {
      line.push(rect);
    } else {
      lines.push([rect]);
    }
  }
  const merged: AnnotationRect[] = [];
  for (const line of lines) {
    let current: AnnotationRect | null = null;
    for (const rect of line.sort((a, b) => a.x - b.x)) {
      if (current && rect.x <= current.x + current.w + Math.max(current.h, rect.h)) {
        current = union(current, rect);
      } else {
        if (current) {
          merged.push(current);
        }
        current = rect;
      }
    }
    if (current) {
      merged.push(current);
    }
  }
  return merged.slice(0, ANNOTATION_RECTS_MAX);
}

function union(a: AnnotationRect, b: AnnotationRect): AnnotationRect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    w: round(Math.max(a.x + a.w, b.x + b.w) - x),
    h: round(Math.max(a.y + a.h, b.y + b.h) - y),
  };
}

function sameLine(a: AnnotationRect, b: AnnotationRect): boolean {
  const overlap = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return overlap > 0.5 * Math.min(a.h, b.h);
}

/** Six decimals: sub-pixel on any screen, and no float noise past the server's 0..1 check. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
