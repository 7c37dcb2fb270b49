import { readFile } from 'node:fs/promises';

import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFFont, rgb } from 'pdf-lib';

import type { DemoDocument } from './demo-data';

/** Debian's fonts-dejavu-core (installed by scripts/install.sh) covers Vietnamese diacritics. */
export const DEMO_FONT_DIR = '/usr/share/fonts/truetype/dejavu';

const PAGE = { width: 595.28, height: 841.89, margin: 64 };
const BODY_SIZE = 12;
const LINE = BODY_SIZE * 1.5;

/** Renders a demo document as a real multi-page A4 PDF with embedded Vietnamese-capable fonts. */
export async function renderDemoPdf(
  doc: DemoDocument,
  meetingTitle: string,
): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(doc.title);
  pdf.setLanguage('vi-VN');
  pdf.setProducer('e-Cabinet demo seed');
  const [regular, bold] = await Promise.all([
    readFile(`${DEMO_FONT_DIR}/DejaVuSans.ttf`).then((bytes) => pdf.embedFont(bytes, { subset: true })),
    readFile(`${DEMO_FONT_DIR}/DejaVuSans-Bold.ttf`).then((bytes) => pdf.embedFont(bytes, { subset: true })),
  ]);

  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const maxWidth = PAGE.width - 2 * PAGE.margin;
  const newPageIfNeeded = (needed: number) => {
    if (y - needed >= PAGE.margin + 24) return;
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
  };
  const write = (text: string, font: PDFFont, size: number, gapAfter: number, centred = false) => {
    for (const line of wrap(text, font, size, maxWidth)) {
      newPageIfNeeded(size * 1.5);
      const x = centred ? (PAGE.width - font.widthOfTextAtSize(line, size)) / 2 : PAGE.margin;
      page.drawText(line, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.5;
    }
    y -= gapAfter;
  };

  write('ỦY BAN NHÂN DÂN HUYỆN SÔNG LAM', bold, 11, 2, true);
  write('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập – Tự do – Hạnh phúc', regular, 10, 18, true);
  for (const headingLine of doc.heading.split('\n')) write(headingLine, bold, 15, 4, true);
  write(`Tài liệu phục vụ: ${meetingTitle}`, regular, 10, 20, true);
  for (const section of doc.sections) {
    newPageIfNeeded(LINE * 4);
    write(section.title, bold, 13, 6);
    for (const paragraph of section.paragraphs) write(paragraph, regular, BODY_SIZE, 8);
    y -= 6;
  }

  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const label = `Trang ${i + 1}/${pages.length}`;
    p.drawText(label, {
      x: PAGE.width - PAGE.margin - regular.widthOfTextAtSize(label, 9),
      y: PAGE.margin / 2,
      size: 9,
      font: regular,
      color: rgb(0.35, 0.35, 0.35),
    });
  });
  return { bytes: await pdf.save(), pageCount: pages.length };
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
