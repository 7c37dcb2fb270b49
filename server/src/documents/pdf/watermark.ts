import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

import { pageRotation } from './page-geometry';

export interface WatermarkStamp {
  readerName: string;
  unitName: string | null;
  issuedAt: Date;
}

/** Vietnam has no daylight saving: a fixed UTC+7 keeps the stamp independent of the server's zone. */
export function formatHanoiTime(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} (GMT+7)`
  );
}

/**
 * Stamps every page for one reader: their name, unit and the time across the page diagonally,
 * semi-transparent, and once more small along the bottom edge, so a photo or a leaked copy still
 * names its reader. The text is real text (DejaVu Sans, Vietnamese-capable), not an image.
 */
export async function stampPdf(input: Uint8Array, stamp: WatermarkStamp, fontBytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(input, { updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fontBytes, { subset: true });
  const who = stamp.unitName ? `${stamp.readerName} – ${stamp.unitName}` : stamp.readerName;
  const when = formatHanoiTime(stamp.issuedAt);
  const footer = `MẬT – Bản cấp riêng cho / Confidential copy for: ${who} · ${when}`;
  for (const page of pdf.getPages()) {
    drawDiagonal(page, font, [who, `${when} · MẬT / CONFIDENTIAL`]);
    drawFooter(page, font, footer);
  }
  return pdf.save();
}

function drawDiagonal(page: PDFPage, font: PDFFont, lines: string[]): void {
  const box = page.getCropBox();
  const angle = Math.atan2(box.height, box.width);
  const diagonal = Math.hypot(box.width, box.height);
  const widest = Math.max(...lines.map((line) => font.widthOfTextAtSize(line, 1)));
  const size = Math.max(10, Math.min(48, (diagonal * 0.7) / widest));
  const lineGap = size * 1.3;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  lines.forEach((line, i) => {
    const width = font.widthOfTextAtSize(line, size);
    // Offset each line perpendicular to the diagonal, the block centred on the page.
    const offset = (i - (lines.length - 1) / 2) * lineGap;
    const x = cx - (width / 2) * cos + offset * sin;
    const y = cy - (width / 2) * sin - offset * cos;
    page.drawText(line, {
      x,
      y,
      size,
      font,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.18,
      rotate: degrees((angle * 180) / Math.PI),
    });
  });
}

function drawFooter(page: PDFPage, font: PDFFont, text: string): void {
  const box = page.getCropBox();
  const rotation = pageRotation(page);
  const along = rotation === 90 || rotation === 270 ? box.height : box.width;
  const size = Math.max(4, Math.min(7, (along - 24) / font.widthOfTextAtSize(text, 1)));
  const margin = 10;
  // Bottom edge of the page as displayed, reading left to right.
  const placement = {
    0: { x: box.x + margin, y: box.y + margin, rotate: 0 },
    90: { x: box.x + box.width - margin, y: box.y + margin, rotate: 90 },
    180: { x: box.x + box.width - margin, y: box.y + box.height - margin, rotate: 180 },
    270: { x: box.x + margin, y: box.y + box.height - margin, rotate: 270 },
  }[rotation as 0 | 90 | 180 | 270];
  page.drawText(text, {
    x: placement.x,
    y: placement.y,
    size,
    font,
    color: rgb(0.6, 0.1, 0.1),
    opacity: 0.7,
    rotate: degrees(placement.rotate),
  });
}
