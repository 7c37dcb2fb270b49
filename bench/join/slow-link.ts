import type { BrowserContext, CDPSession } from 'playwright-core';

export interface LinkShape {
  /**
   * DevTools' `latency`. Chromium adds it once to an HTTP request (request → response) but to every
   * WebRTC packet in each direction: WebRTC's round trip is twice this.
   */
  devtoolsLatencyMs: number;
  /** Round trip given to socket.io's frames, which DevTools does not delay (see shapeWhatEmulationMisses). */
  socketRttMs: number;
  kbps: number;
}

/**
 * DevTools network emulation of one page (null: none). Chromium applies it to HTTP requests, to the
 * WebSocket handshake (not to the frames after it) and to WebRTC over UDP (not over ICE-TCP):
 * measured by the bench's link probes.
 */
export async function emulateLink(cdp: CDPSession, shape: LinkShape | null): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: shape?.devtoolsLatencyMs ?? 0,
    downloadThroughput: shape ? (shape.kbps * 1000) / 8 : -1,
    uploadThroughput: shape ? (shape.kbps * 1000) / 8 : -1,
  });
}

/**
 * What the emulation misses, shaped in the page for the whole context:
 * - socket.io's frames: every WebSocket message waits for the link (a FIFO per direction at `kbps`)
 *   and then half of `socketRttMs`, so that a request and its acknowledgement take `socketRttMs` more;
 * - ICE-TCP: the server also offers a TCP candidate, which the emulation does not slow down; left in,
 *   the first media of a "slow" join flows over unshaped TCP. It is taken out of the remote
 *   descriptions, so WebRTC goes over the shaped UDP path, as it would on a real slow link.
 */
export async function shapeWhatEmulationMisses(context: BrowserContext, shape: LinkShape): Promise<void> {
  await context.addInitScript(
    ({ oneWayMs, bytesPerMs }) => {
      const NativeWebSocket = window.WebSocket;
      const sizeOf = (data: unknown): number =>
        typeof data === 'string'
          ? new TextEncoder().encode(data).byteLength
          : ((data as ArrayBuffer).byteLength ?? (data as Blob).size ?? 0);
      const link = () => {
        let free = 0;
        return (bytes: number): number => {
          const now = performance.now();
          free = Math.max(now, free) + bytes / bytesPerMs;
          return free + oneWayMs - now;
        };
      };
      class ShapedWebSocket extends NativeWebSocket {
        // Plain fields: this function runs in the page as compiled, with no helpers for #private ones.
        readonly shapedUp = link();
        readonly shapedDown = link();

        override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
          setTimeout(
            () => {
              if (this.readyState === NativeWebSocket.OPEN) super.send(data);
            },
            this.shapedUp(sizeOf(data)),
          );
        }

        override set onmessage(handler: ((event: MessageEvent) => void) | null) {
          super.onmessage =
            handler &&
            ((event: MessageEvent) => {
              setTimeout(() => handler.call(this, event), this.shapedDown(sizeOf(event.data)));
            });
        }

        override get onmessage(): ((event: MessageEvent) => void) | null {
          return super.onmessage;
        }
      }
      window.WebSocket = ShapedWebSocket;

      const setRemote = RTCPeerConnection.prototype.setRemoteDescription as (
        this: RTCPeerConnection,
        description?: RTCSessionDescriptionInit,
      ) => Promise<void>;
      RTCPeerConnection.prototype.setRemoteDescription = function (
        this: RTCPeerConnection,
        description?: RTCSessionDescriptionInit,
      ) {
        const sdp = description?.sdp?.replace(/^a=candidate:\S+ \d+ tcp .*\r?\n/gim, '');
        return setRemote.call(this, description && { type: description.type, sdp });
      } as typeof RTCPeerConnection.prototype.setRemoteDescription;
    },
    { oneWayMs: shape.socketRttMs / 2, bytesPerMs: (shape.kbps * 1000) / 8 / 1000 },
  );
}
