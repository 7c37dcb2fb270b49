/** The mediasoup worker's CPU over a window, and the straight line through measured points. */
import type { Bridge } from './bridge';
import type { ClipReplay } from './clip-replay';

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** How long the packets in flight get to be processed before a window's edge is read. */
const DRAIN_MS = 300;

/**
 * The worker's user + system CPU per second of load, % of one core, over `ms` of replay.
 *
 * The window's edges are read with the replay paused, once the packets in flight are processed: a
 * worker given less CPU than its load needs answers its channel late, so a reading taken while it
 * forwards would be stamped seconds off. Paused, it answers at once, and the work for the packets
 * that arrived within the window is counted even when it finished after — so the figure is what
 * the load needs, above 100 % if that is more than a core. The pauses are well under the 1.5 s after
 * which mediasoup deems a stream inactive. `atEdges` reads other counters at the same moments.
 */
export async function cpuWindow(
  bridge: Bridge,
  replay: ClipReplay | null,
  ms: number,
  atEdges: () => Promise<void> = async () => undefined,
): Promise<{ cpuPct: number; flowingMs: number }> {
  const edge = async () => {
    replay?.pause();
    try {
      await sleep(replay ? DRAIN_MS : 0);
      const cpuMs = await bridge.cpuMs();
      await atEdges();
      return cpuMs;
    } finally {
      replay?.resume();
    }
  };
  const before = await edge();
  const started = performance.now();
  await sleep(ms);
  const flowingMs = performance.now() - started;
  const used = (await edge()) - before;
  return { cpuPct: (used / flowingMs) * 100, flowingMs };
}

/**
 * `work`, or an error once `ms` have passed: a worker with more to forward than the CPU it gets
 * answers its channel late, and the bench must still end.
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Least squares y = a + b·x. */
export function fitLine(points: { x: number; y: number }[]): { a: number; b: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const b = sxx ? sxy / sxx : 0;
  return { a: my - b * mx, b };
}
