/** Touch gestures of the reader, from pointer events (so pen and touch behave the same on every tablet). */
export interface GestureHandlers {
  /** Swipe left: next page; swipe right: previous page. */
  swipe(direction: 'next' | 'previous'): void;
  /** Two fingers moved apart or together: zoom by `factor` since the last call, around `origin` (client px). */
  pinch(factor: number, origin: { x: number; y: number }): void;
  pinchEnd(): void;
  /** False while the page is wider than the screen: then a horizontal move pans instead. */
  canSwipe(): boolean;
}

export const SWIPE_MIN_DISTANCE = 60;
export const SWIPE_MAX_DURATION_MS = 800;

interface TrackedPointer {
  startX: number;
  startY: number;
  x: number;
  y: number;
  startedAt: number;
}

export class GestureTracker {
  private readonly pointers = new Map<number, TrackedPointer>();
  private pinchDistance: number | null = null;
  /** Once two fingers touched, the gesture is a pinch until all are lifted: never also a swipe. */
  private pinched = false;

  constructor(private readonly handlers: GestureHandlers) {}

  down(event: PointerEvent): void {
    if (event.pointerType === 'mouse') {
      return;
    }
    this.pointers.set(event.pointerId, {
      startX: event.clientX,
      startY: event.clientY,
      x: event.clientX,
      y: event.clientY,
      startedAt: event.timeStamp,
    });
    if (this.pointers.size === 2) {
      this.pinched = true;
      this.pinchDistance = this.distance();
    }
  }

  move(event: PointerEvent): void {
    const pointer = this.pointers.get(event.pointerId);
    if (!pointer) {
      return;
    }
    pointer.x = event.clientX;
    pointer.y = event.clientY;
    if (this.pointers.size === 2 && this.pinchDistance) {
      const distance = this.distance();
      const factor = distance / this.pinchDistance;
      if (Math.abs(factor - 1) >= 0.02) {
        this.pinchDistance = distance;
        this.handlers.pinch(factor, this.center());
      }
    }
  }

  up(event: PointerEvent): void {
    const pointer = this.pointers.get(event.pointerId);
    if (!pointer) {
      return;
    }
    this.pointers.delete(event.pointerId);
    if (this.pinched) {
      if (this.pointers.size < 2 && this.pinchDistance !== null) {
        this.pinchDistance = null;
        this.handlers.pinchEnd();
      }
      if (this.pointers.size === 0) {
        this.pinched = false;
      }
      return;
    }
    const dx = event.clientX - pointer.startX;
    const dy = event.clientY - pointer.startY;
    const quick = event.timeStamp - pointer.startedAt <= SWIPE_MAX_DURATION_MS;
    if (quick && Math.abs(dx) >= SWIPE_MIN_DISTANCE && Math.abs(dx) > 2 * Math.abs(dy) && this.handlers.canSwipe()) {
      this.handlers.swipe(dx < 0 ? 'next' : 'previous');
    }
  }

  /** The browser took the pointer over (scrolling): forget it, it is no swipe. */
  cancel(event: PointerEvent): void {
    this.pointers.delete(event.pointerId);
    if (this.pinched && this.pointers.size < 2 && this.pinchDistance !== null) {
      this.pinchDistance = null;
      this.handlers.pinchEnd();
    }
    if (this.pointers.size === 0) {
      this.pinched = false;
    }
  }

  private distance(): number {
    const [a, b] = [...this.pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  private center(): { x: number; y: number } {
    const [a, b] = [...this.pointers.values()];
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
}
