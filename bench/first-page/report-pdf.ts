import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';

import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/**
 * A realistic long agenda document: a report of `pages` pages, each with a heading, Vietnamese
 * body text and a scanned-looking figure (a noisy grayscale raster, different on every page, as
 * scans and photos do not compress). About 15 KB a page.
 */
export async function buildReportPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(await readFile(FONT), { subset: true });
  const bold = await doc.embedFont(await readFile(FONT_BOLD), { subset: true });
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Báo cáo kinh tế – xã hội huyện Sông Lam · trang ${n}`, { x: 50, y: 790, size: 14, font: bold });
    const lines = [
      `Mục ${n}. Quyết định về kế hoạch đầu tư công và tình hình thực hiện tại các xã.`,
      'Ủy ban nhân dân huyện báo cáo Hội đồng nhân dân kết quả thực hiện nhiệm vụ phát triển',
      'kinh tế – xã hội, bảo đảm quốc phòng, an ninh; những khó khăn, vướng mắc và giải pháp.',
      `Tổng vốn giải ngân đạt ${40 + (n % 50)}% kế hoạch; ${n % 13} dự án chuyển tiếp hoàn thành.`,
    ];
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 750 - i * 18, size: 11, font }));
    const figure = await doc.embedPng(noisePng(160, 88, random));
    page.drawImage(figure, { x: 50, y: 420, width: 495, height: 270 });
    page.drawRectangle({ x: 50, y: 420, width: 495, height: 270, borderColor: rgb(0.2, 0.2, 0.2), borderWidth: 1 });
    page.drawText(`Hình ${n}. Biểu đồ tiến độ giải ngân (bản chụp)`, { x: 50, y: 400, size: 10, font });
  }
  return doc.save({ useObjectStreams: false });
}

/** A grayscale PNG of noise over a gradient: incompressible like a scan. */
function noisePng(width: number, height: number, random: () => number): Uint8Array {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = ((x + y) % 200) + Math.floor(random() * 55);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
