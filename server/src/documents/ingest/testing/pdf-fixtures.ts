import { readFileSync } from 'node:fs';

import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFFont } from 'pdf-lib';

/** DejaVu has every Vietnamese letter; pdf-lib's standard fonts (WinAnsi) have none of "ếđịộư". */
const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const A4: [number, number] = [595, 842];

export interface VietnamesePdfOptions {
  pages: number;
  /** Lines of body text per page (default 40: a dense page of a report). */
  linesPerPage?: number;
  /** A classic xref table and trailer (PDF 1.4 style) instead of object and xref streams. */
  classicXref?: boolean;
}

/** A multi-page Vietnamese document; page N is headed "Quyết định số N/QĐ-UBND". */
export async function makeVietnamesePdf({
  pages,
  linesPerPage = 40,
  classicXref = false,
}: VietnamesePdfOptions): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font: PDFFont = await doc.embedFont(readFileSync(FONT_PATH), { subset: true });
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage(A4);
    page.drawText(`Quyết định số ${n}/QĐ-UBND`, { x: 50, y: 780, size: 18, font });
    for (let line = 0; line < linesPerPage; line++) {
      page.drawText(`Điều ${line + 1}. Ủy ban nhân dân huyện phê duyệt kế hoạch đầu tư công năm 2027 của xã.`, {
        x: 50,
        y: 740 - line * 17,
        size: 10,
        font,
      });
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: !classicXref }));
}

/** Blank pages only: a huge page count for almost no bytes or time. */
export async function makeBlankPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let n = 0; n < pages; n++) doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}
