import type { Page } from 'playwright-core';

/**
 * What the link does to each path, measured from the page (median of `samples`):
 * - HTTP: a GET /api/health round trip;
 * - socket.io: a namespace handshake on a raw WebSocket (Engine.IO open packet, then `40/live,` →
 *   the server's CONNECT or CONNECT_ERROR), timed from sending to the answer. It goes through
 *   `window.WebSocket`, so through the in-page shaping when there is one.
 * (WebRTC's own round trip is the selected ICE pair's, read by the join probe.)
 */
export async function linkProbes(page: Page, samples = 3): Promise<{ httpRttMs: number; wsRttMs: number }> {
  return page.evaluate(async (count) => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const http = async () => {
      const started = performance.now();
      await (await fetch('/api/health', { cache: 'no-store' })).text();
      return performance.now() - started;
    };
    const socket = () =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/socket.io/?EIO=4&transport=websocket`);
        const timer = setTimeout(() => {
          ws.close();
          reject(new Error('no socket.io answer within 15 s'));
        }, 15_000);
        let sentAt = 0;
        ws.onmessage = ({ data }) => {
          const text = String(data);
          if (text.startsWith('0')) {
            sentAt = performance.now();
            ws.send('40/live,');
          } else if (text.startsWith('40/live') || text.startsWith('44/live')) {
            clearTimeout(timer);
            resolve(performance.now() - sentAt);
            ws.close();
          }
        };
        ws.onerror = () => {
          clearTimeout(timer);
          reject(new Error('socket.io probe failed'));
        };
      });
    const httpTimes: number[] = [];
    const socketTimes: number[] = [];
    for (let i = 0; i < count; i++) {
      httpTimes.push(await http());
      socketTimes.push(await socket());
    }
    return { httpRttMs: median(httpTimes), wsRttMs: median(socketTimes) };
  }, samples);
}
