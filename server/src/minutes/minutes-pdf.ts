import { MinutesLine, parseMinutesMarkup } from '@app/shared';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

/** The TrueType fonts to embed (regular and bold); they must cover Vietnamese. */
export interface MinutesFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface MinutesPdfOptions {
  title: string;
  /** Prints "DỰ THẢO" (draft) on every page. */
  draft: boolean;
  /** Fixed dates make the output reproducible (tests, archive). */
  createdAt?: Date;
}

const MM = 72 / 25.4;
/** A4, with the margins of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP). */
export const PAGE = { width: 210 * MM, height: 297 * MM };
export const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

const BODY_SIZE = 11.5;
const CENTER_SIZE = 12;
const H2_SIZE = 12;
const H3_SIZE = 11.5;
const LEADING = 1.4;
const BULLET_INDENT = 16;
const COLUMN_GAP = 14;
const FOOTER_SIZE = 9;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);

type Align = 'left' | 'center' | 'right';

/** Width of a text at a size, from per-character advances cached per font (pdf-lib lays out every call). */
export type Measure = (text: string, size: number) => number;

export function measurer(font: PDFFont): Measure {
  const advances = new Map<string, number>();
  return (text, size) => {
    let width = 0;
    for (const char of text) {
      let advance = advances.get(char);
      if (advance === undefined) {
        advance = font.widthOfTextAtSize(char, 1);
        advances.set(char, advance);
      }
      width += advance;
    }
    return width * size;
  };
}

/** Splits `value` into lines no wider than `width`, breaking words longer than a line too. */
export function wrapText(value: string, measure: Measure, size: number, width: number): string[] {
  const fits = (s: string) => measure(s, size) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of value.split(/ +/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    // A word wider than the line is cut where it fills the line.
    let rest = [...word];
    while (!fits(rest.join(''))) {
      let cut = 1;
      while (cut < rest.length - 1 && fits(rest.slice(0, cut + 1).join(''))) cut++;
      lines.push(rest.slice(0, cut).join(''));
      rest = rest.slice(cut);
    }
    current = rest.join('');
  }
  if (current || !lines.length) lines.push(current);
  return lines;
}

/**
 * The minutes as an A4 PDF: both fonts embedded (subset), text wrapped to the measured width, pages
 * added as needed, "Trang n/N" at the foot of each page.
 */
export async function renderMinutesPdf(body: string, fonts: MinutesFonts, options: MinutesPdfOptions): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const widths = new Map<PDFFont, Measure>([
    [regular, measurer(regular)],
    [bold, measurer(bold)],
  ]);
  const widthOf = (font: PDFFont): Measure => widths.get(font) ?? measurer(font);
  const created = options.createdAt ?? new Date();
  pdf.setTitle(options.title, { showInWindowTitleBar: true });
  pdf.setLanguage('vi-VN');
  pdf.setCreator('e-Cabinet');
  pdf.setProducer('e-Cabinet (pdf-lib)');
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);

  const contentWidth = PAGE.width - MARGIN.left - MARGIN.right;
  // As in administrative documents: the issuing body on the narrower left, the national motto on the right.
  const leftWidth = (contentWidth - COLUMN_GAP) * 0.4;
  const rightWidth = contentWidth - COLUMN_GAP - leftWidth;
  const rightLeft = MARGIN.left + leftWidth + COLUMN_GAP;
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  /** Baseline room left: y of the top of the next line. */
  let y = PAGE.height - MARGIN.top;
  let previous: MinutesLine | null = null;

  const ensure = (height: number) => {
    if (y - height < MARGIN.bottom && y < PAGE.height - MARGIN.top) {
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN.top;
    }
  };
  const draw = (value: string, x: number, font: PDFFont, size: number) => {
    if (value) page.drawText(value, { x, y: y - size, size, font, color: BLACK });
  };
  const place = (value: string, font: PDFFont, size: number, align: Align, left: number, width: number) => {
    const w = widthOf(font)(value, size);
    const x = align === 'center' ? left + (width - w) / 2 : align === 'right' ? left + width - w : left;
    draw(value, x, font, size);
  };

  /** Wrapped lines of one font and size; space `before` it, and a heading keeps two lines after it on its page. */
  const text = (value: string, font: PDFFont, size: number, align: Align, before: number) => {
    const lineHeight = size * LEADING;
    y -= before;
    if (before) ensure(lineHeight + 2 * BODY_SIZE * LEADING);
    for (const line of wrapText(value, widthOf(font), size, contentWidth)) {
      ensure(lineHeight);
      place(line, font, size, align, MARGIN.left, contentWidth);
      y -= lineHeight;
    }
  };

  for (const block of parseMinutesMarkup(body)) {
    switch (block.kind) {
      case 'blank':
        y -= BODY_SIZE * 0.7;
        break;
      case 'rule': {
        // A short rule under each column of a heading, or centred under a line.
        const spans =
          previous?.kind === 'columns'
            ? [
                ...(previous.left.text ? [{ left: MARGIN.left, width: leftWidth }] : []),
                ...(previous.right.text ? [{ left: rightLeft, width: rightWidth }] : []),
              ]
            : [{ left: MARGIN.left, width: contentWidth }];
        ensure(8);
        for (const span of spans) {
          const length = Math.min(span.width * 0.4, 150);
          const start = span.left + (span.width - length) / 2;
          page.drawLine({
            start: { x: start, y: y - 2 },
            end: { x: start + length, y: y - 2 },
            thickness: 0.6,
            color: BLACK,
          });
        }
        y -= 8;
        break;
      }
      case 'heading':
        if (block.level === 1) text(block.text, bold, CENTER_SIZE, 'center', 0);
        else text(block.text, bold, block.level === 2 ? H2_SIZE : H3_SIZE, 'left', block.level === 2 ? 8 : 4);
        break;
      case 'right':
        text(block.text, regular, BODY_SIZE, 'right', 0);
        break;
      case 'paragraph':
        text(block.text, regular, BODY_SIZE, 'left', 0);
        break;
      case 'bullet': {
        const lineHeight = BODY_SIZE * LEADING;
        const lines = wrapText(block.text, widthOf(regular), BODY_SIZE, contentWidth - BULLET_INDENT);
        for (const [index, line] of lines.entries()) {
          ensure(lineHeight);
          if (index === 0) draw('–', MARGIN.left + 4, regular, BODY_SIZE);
          draw(line, MARGIN.left + BULLET_INDENT, regular, BODY_SIZE);
          y -= lineHeight;
        }
        break;
      }
      case 'columns': {
        const lineHeight = BODY_SIZE * LEADING;
        const left = wrapText(block.left.text, widthOf(block.left.bold ? bold : regular), BODY_SIZE, leftWidth);
        const right = wrapText(block.right.text, widthOf(block.right.bold ? bold : regular), BODY_SIZE, rightWidth);
        for (let i = 0; i < Math.max(left.length, right.length); i++) {
          ensure(lineHeight);
          const l = left[i] ?? '';
          const r = right[i] ?? '';
          place(l, block.left.bold ? bold : regular, BODY_SIZE, 'center', MARGIN.left, leftWidth);
          place(r, block.right.bold ? bold : regular, BODY_SIZE, 'center', rightLeft, rightWidth);
          y -= lineHeight;
        }
        break;
      }
    }
    previous = block;
  }

  const pages = pdf.getPages();
  for (const [index, each] of pages.entries()) {
    const label = `Trang ${index + 1}/${pages.length}`;
    const width = regular.widthOfTextAtSize(label, FOOTER_SIZE);
    each.drawText(label, {
      x: MARGIN.left + (contentWidth - width) / 2,
      y: MARGIN.bottom / 2,
      size: FOOTER_SIZE,
      font: regular,
      color: GREY,
    });
    if (options.draft) {
      const mark = 'DỰ THẢO';
      each.drawText(mark, {
        x: PAGE.width - MARGIN.right - bold.widthOfTextAtSize(mark, FOOTER_SIZE),
        y: PAGE.height - MARGIN.top / 2,
        size: FOOTER_SIZE,
        font: bold,
        color: GREY,
      });
    }
  }
  return Buffer.from(await pdf.save());
}
