import { mergeLineRects, normalisePoint, normaliseRect, noteAnchor } from './page-geometry';

const page = { left: 100, top: 50, width: 800, height: 1000 };

describe('page geometry', () => {
  it('expresses a selection rectangle as fractions of the page box, whatever the zoom', () => {
    expect(normaliseRect({ left: 180, top: 150, width: 400, height: 20 }, page)).toEqual({
      x: 0.1,
      y: 0.1,
      w: 0.5,
      h: 0.02,
    });
    const zoomed = { left: 200, top: 100, width: 1600, height: 2000 };
    expect(normaliseRect({ left: 360, top: 300, width: 800, height: 40 }, zoomed)).toEqual({
      x: 0.1,
      y: 0.1,
      w: 0.5,
      h: 0.02,
    });
  });

  it('clips to the page and drops rectangles off the page', () => {
    expect(normaliseRect({ left: 700, top: 1000, width: 400, height: 100 }, page)).toEqual({
      x: 0.75,
      y: 0.95,
      w: 0.25,
      h: 0.05,
    });
    expect(normaliseRect({ left: 0, top: 0, width: 50, height: 20 }, page)).toBeNull();
  });

  it('places a tap on the page, or nowhere when it misses the page', () => {
    expect(normalisePoint(500, 550, page)).toEqual({ x: 0.5, y: 0.5 });
    expect(normalisePoint(50, 550, page)).toBeNull();
    expect(noteAnchor({ x: 0.99, y: 0.5 })).toEqual({ x: 0.97, y: 0.5, w: 0.03, h: 0.03 });
  });

  it('joins the pieces of one selected line into one rectangle, keeping lines apart', () => {
    const merged = mergeLineRects([
      { x: 0.1, y: 0.1, w: 0.2, h: 0.02 },
      { x: 0.3, y: 0.1005, w: 0.1, h: 0.019 },
      { x: 0.1, y: 0.13, w: 0.3, h: 0.02 },
      { x: 0.4, y: 0.1, w: 0.05, h: 0.02 },
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toEqual({ x: 0.1, y: 0.1, w: 0.35, h: 0.02 });
    expect(merged[1]).toEqual({ x: 0.1, y: 0.13, w: 0.3, h: 0.02 });
  });
});
