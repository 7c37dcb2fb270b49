import type { SpeechKind } from '@app/shared';

/**
 * Where a new request joins the waiting queue (0-based). Speeches and questions go to the back. A
 * point of order interrupts the debate, so it goes to the front of the queue, behind the points of
 * order already waiting there (first come, first heard among them); one the chair moved further
 * back does not count.
 */
export function queueIndexFor(kind: SpeechKind, waiting: readonly SpeechKind[]): number {
  if (kind !== 'point_of_order') return waiting.length;
  const firstOther = waiting.findIndex((waitingKind) => waitingKind !== 'point_of_order');
  return firstOther === -1 ? waiting.length : firstOther;
}

/** Whether `proposed` is exactly the waiting queue, reordered (no id missing, added or repeated). */
export function isSameQueue(waitingIds: readonly string[], proposed: readonly string[]): boolean {
  const waiting = new Set(waitingIds);
  return (
    proposed.length === waiting.size &&
    new Set(proposed).size === proposed.length &&
    proposed.every((id) => waiting.has(id))
  );
}
