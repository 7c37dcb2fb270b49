import { GestureHandlers, GestureTracker } from './gestures';

function pointer(type: string, id: number, x: number, y: number, timeStamp: number, pointerType = 'touch') {
  return { type, pointerId: id, clientX: x, clientY: y, timeStamp, pointerType } as unknown as PointerEvent;
}

describe('GestureTracker', () => {
  let handlers: jest.Mocked<GestureHandlers>;
  let tracker: GestureTracker;

  beforeEach(() => {
    handlers = { swipe: jest.fn(), pinch: jest.fn(), pinchEnd: jest.fn(), canSwipe: jest.fn(() => true) };
    tracker = new GestureTracker(handlers);
  });

  function swipe(fromX: number, toX: number, dy = 0, ms = 200, pointerType = 'touch'): void {
    tracker.down(pointer('pointerdown', 1, fromX, 400, 0, pointerType));
    tracker.move(pointer('pointermove', 1, (fromX + toX) / 2, 400 + dy / 2, ms / 2, pointerType));
    tracker.up(pointer('pointerup', 1, toX, 400 + dy, ms, pointerType));
  }

  it('turns to the next page on a swipe left and back on a swipe right', () => {
    swipe(900, 500);
    expect(handlers.swipe).toHaveBeenLastCalledWith('next');
    swipe(300, 700);
    expect(handlers.swipe).toHaveBeenLastCalledWith('previous');
  });

  it('ignores short, slow, mostly vertical or mouse moves (text selection, scrolling)', () => {
    swipe(500, 470);
    swipe(900, 500, 0, 1500);
    swipe(900, 700, 300);
    swipe(900, 500, 0, 200, 'mouse');
    expect(handlers.swipe).not.toHaveBeenCalled();
  });

  it('does not swipe while the page is zoomed wider than the screen', () => {
    handlers.canSwipe.mockReturnValue(false);
    swipe(900, 500);
    expect(handlers.swipe).not.toHaveBeenCalled();
  });

  it('zooms with two fingers around their middle, and never swipes after a pinch', () => {
    tracker.down(pointer('pointerdown', 1, 400, 400, 0));
    tracker.down(pointer('pointerdown', 2, 600, 400, 10));
    tracker.move(pointer('pointermove', 2, 700, 400, 50));
    expect(handlers.pinch).toHaveBeenCalledTimes(1);
    const [factor, origin] = handlers.pinch.mock.calls[0];
    expect(factor).toBeCloseTo(1.5);
    expect(origin).toEqual({ x: 550, y: 400 });

    tracker.move(pointer('pointermove', 2, 500, 400, 80));
    expect(handlers.pinch.mock.calls[1][0]).toBeCloseTo(100 / 300);

    tracker.up(pointer('pointerup', 2, 500, 400, 100));
    expect(handlers.pinchEnd).toHaveBeenCalledTimes(1);
    // The first finger lifts far to the left: still part of the pinch, not a swipe.
    tracker.up(pointer('pointerup', 1, 100, 400, 120));
    expect(handlers.swipe).not.toHaveBeenCalled();
  });

  it('forgets a pointer the browser took over for scrolling', () => {
    tracker.down(pointer('pointerdown', 1, 900, 400, 0));
    tracker.cancel(pointer('pointercancel', 1, 880, 380, 50));
    tracker.up(pointer('pointerup', 1, 400, 400, 100));
    expect(handlers.swipe).not.toHaveBeenCalled();
  });
});
