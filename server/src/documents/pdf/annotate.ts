import type { AnnotationKind, AnnotationRect } from '@app/shared';
import fontkit from '@pdf-lib/fontkit';
import { BlendMode, degrees, PDFDocument, PDFFont, PDFHexString, PDFName, PDFPage, PDFString, rgb, RGB } from 'pdf-lib';

import { pageRotation, PdfBox, toUserSpace } from './page-geometry';

export interface DrawableAnnotation {
  kind: AnnotationKind;
  page: number;
  text: string | null;
  rects: AnnotationRect[];
  color: string;
}

const NOTE_WIDTH = 180;
const NOTE_FONT_SIZE = 8;
const NOTE_PADDING = 4;
const NOTE_ICON = 16;

/**
 * Draws a reader's highlights and notes into their copy of the PDF: highlights as translucent
 * rectangles (multiply, so the text stays readable) plus a real /Highlight annotation, notes as a
 * visible boxed text and a /Text ("sticky note") annotation any PDF reader lists.
 */
export async function annotatePdf(
  input: Uint8Array,
  annotations: DrawableAnnotation[],
  fontBytes: Uint8Array,
  author: string,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(input, { updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fontBytes, { subset: true });
  const pages = pdf.getPages();
  for (const annotation of annotations) {
    const page = pages[annotation.page - 1];
    if (!page) continue;
    const color = hexToRgb(annotation.color);
    const boxes = annotation.rects.map((rect) => toUserSpace(page, rect));
    if (annotation.kind === 'highlight') {
      for (const box of boxes) {
        page.drawRectangle({ ...box, color, opacity: 0.4, blendMode: BlendMode.Multiply });
      }
      addMarkup(pdf, page, 'Highlight', boxes, annotation, author);
    }
    if (annotation.text) {
      const anchor = boxes[0] ?? toUserSpace(page, { x: 0.02, y: 0.02, w: 0.03, h: 0.02 });
      drawNote(page, font, annotation.text, anchor, color);
      addStickyNote(pdf, page, anchor, annotation, author);
    }
  }
  return pdf.save();
}

function hexToRgb(hex: string): RGB {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

function colorArray(hex: string): number[] {
  const { red, green, blue } = hexToRgb(hex);
  return [red, green, blue];
}

function addMarkup(
  pdf: PDFDocument,
  page: PDFPage,
  subtype: 'Highlight',
  boxes: PdfBox[],
  annotation: DrawableAnnotation,
  author: string,
): void {
  if (!boxes.length) return;
  const x1 = Math.min(...boxes.map((b) => b.x));
  const y1 = Math.min(...boxes.map((b) => b.y));
  const x2 = Math.max(...boxes.map((b) => b.x + b.width));
  const y2 = Math.max(...boxes.map((b) => b.y + b.height));
  const quadPoints = boxes.flatMap((b) => [
    b.x,
    b.y + b.height,
    b.x + b.width,
    b.y + b.height,
    b.x,
    b.y,
    b.x + b.width,
    b.y,
  ]);
  const dict = pdf.context.obj({
    Type: 'Annot',
    Subtype: subtype,
    Rect: [x1, y1, x2, y2],
    QuadPoints: quadPoints,
    C: colorArray(annotation.color),
    CA: 0.4,
    F: 4,
    T: PDFHexString.fromText(author),
    ...(annotation.text ? { Contents: PDFHexString.fromText(annotation.text) } : {}),
  });
  page.node.addAnnot(pdf.context.register(dict));
}

function addStickyNote(
  pdf: PDFDocument,
  page: PDFPage,
  anchor: PdfBox,
  annotation: DrawableAnnotation,
  author: string,
): void {
  const top = anchor.y + anchor.height;
  const dict = pdf.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [anchor.x, top - NOTE_ICON, anchor.x + NOTE_ICON, top],
    Contents: PDFHexString.fromText(annotation.text ?? ''),
    T: PDFHexString.fromText(author),
    Name: PDFName.of('Comment'),
    C: colorArray(annotation.color),
    F: 4,
    Open: false,
    NM: PDFString.of(`ecab-${annotation.page}-${Math.round(anchor.x)}-${Math.round(top)}`),
  });
  page.node.addAnnot(pdf.context.register(dict));
}

/** The note's text in a box next to its anchor, kept on the page and upright as displayed. */
function drawNote(page: PDFPage, font: PDFFont, text: string, anchor: PdfBox, color: RGB): void {
  const rotation = pageRotation(page);
  const lines = wrap(text, font, NOTE_FONT_SIZE, NOTE_WIDTH - 2 * NOTE_PADDING).slice(0, 30);
  const lineHeight = NOTE_FONT_SIZE * 1.3;
  const height = lines.length * lineHeight + 2 * NOTE_PADDING;
  const crop = page.getCropBox();
  if (rotation !== 0) {
    // Rotated pages: the lines from the anchor's displayed top-left, turned to read upright; no box.
    const { origin, down } = displayFrame(rotation, anchor);
    lines.forEach((line, i) =>
      page.drawText(line, {
        x: origin.x + down.x * (i + 1) * lineHeight,
        y: origin.y + down.y * (i + 1) * lineHeight,
        size: NOTE_FONT_SIZE,
        font,
        color: rgb(0.1, 0.1, 0.1),
        rotate: degrees(rotation),
      }),
    );
    return;
  }
  const x = Math.min(Math.max(crop.x, anchor.x), crop.x + crop.width - NOTE_WIDTH);
  const top = Math.min(crop.y + crop.height, anchor.y + anchor.height);
  const y = Math.max(crop.y, top - height);
  page.drawRectangle({
    x,
    y,
    width: NOTE_WIDTH,
    height,
    color,
    opacity: 0.85,
    borderColor: rgb(0.4, 0.4, 0.4),
    borderWidth: 0.5,
  });
  lines.forEach((line, i) =>
    page.drawText(line, {
      x: x + NOTE_PADDING,
      y: y + height - NOTE_PADDING - (i + 1) * lineHeight + 2,
      size: NOTE_FONT_SIZE,
      font,
      color: rgb(0.1, 0.1, 0.1),
    }),
  );
}

/** Where a box's top-left corner *as displayed* is in user space, and which way is "down" there. */
function displayFrame(rotation: number, box: PdfBox) {
  switch (rotation) {
    case 90:
      return { origin: { x: box.x, y: box.y }, down: { x: 1, y: 0 } };
    case 180:
      return { origin: { x: box.x + box.width, y: box.y }, down: { x: 0, y: 1 } };
    case 270:
      return { origin: { x: box.x + box.width, y: box.y + box.height }, down: { x: -1, y: 0 } };
    default:
      return { origin: { x: box.x, y: box.y + box.height }, down: { x: 0, y: -1 } };
  }
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !current) current = candidate;
      else {
        lines.push(current);
        current = word;
      }
    }
    lines.push(current);
  }
  return lines;
}
