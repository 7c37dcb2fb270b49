import { degrees, PDFDocument } from 'pdf-lib';

import { toUserSpace } from './page-geometry';

/** A 200×100 pt page (user space), displayed turned by `rotation`. */
async function page(rotation: number) {
  const pdf = await PDFDocument.create();
  const p = pdf.addPage([200, 100]);
  p.setRotation(degrees(rotation));
  return p;
}

describe('toUserSpace (normalised rect from the displayed top-left → PDF user space)', () => {
  const rect = { x: 0, y: 0, w: 0.5, h: 0.1 };

  it('flips the y axis on an unrotated page', async () => {
    expect(toUserSpace(await page(0), rect)).toEqual({ x: 0, y: 90, width: 100, height: 10 });
  });

  it('follows /Rotate: the displayed top-left corner is a different corner of the page', async () => {
    // Turned 90° clockwise: displayed 100 wide × 200 high; its top-left is the page's bottom-left.
    expect(toUserSpace(await page(90), rect)).toEqual({ x: 0, y: 0, width: 20, height: 50 });
    expect(toUserSpace(await page(180), rect)).toEqual({ x: 100, y: 0, width: 100, height: 10 });
    expect(toUserSpace(await page(270), rect)).toEqual({ x: 180, y: 50, width: 20, height: 50 });
  });

  it('honours a crop box that does not start at the origin', async () => {
    const p = await page(0);
    p.setCropBox(50, 20, 100, 50);
    expect(toUserSpace(p, { x: 0.5, y: 0.5, w: 0.5, h: 0.5 })).toEqual({ x: 100, y: 20, width: 50, height: 25 });
  });
});
