import type { Page } from 'playwright-core';

/**
 * In-page probes for the join time. The app keeps its RTCPeerConnections to itself: the e2e
 * fixture's init script captures every one in `window.__pcs`. Before the tap, `armJoinProbe` notes the tap's time (the first
 * touchstart/pointerdown/click, in the capture phase), the panel reaching `joined`, and polls getStats
 * every 20 ms for the receiving transport connected, the first inbound video bytes and the first
 * frame decoded (`framesDecoded > 0`; mediasoup's `probator` stream does not count). All times are
 * the page's performance.now(), so no round trip to the bench is counted.
 */
export { capturePeerConnections } from '../../e2e/src/fixtures/webrtc-stats';

export interface JoinTimings {
  /** Tap → first remote video frame decoded: the figure. */
  firstFrameMs: number;
  /** Tap → the panel says `joined` (signalling, device, transports and `ready` done). */
  joinedMs: number;
  /** Tap → the receiving transport's ICE and DTLS done (its peer connection `connected`). */
  mediaConnectedMs: number;
  /** Tap → the first remote video bytes received. */
  firstBytesMs: number;
  /** The round trip of the ICE pair the video came over (the transport's selected pair), ms. */
  iceRttMs: number | null;
  /** That pair's protocol: udp or tcp. */
  iceProtocol: string | null;
}

interface JoinProbe {
  tappedAt: number | null;
  joinedAt: number | null;
  connectedAt: number | null;
  bytesAt: number | null;
  framedAt: number | null;
  rttMs: number | null;
  protocol: string | null;
  failed: string | null;
}

interface ProbeWindow {
  __pcs: RTCPeerConnection[];
  __join?: JoinProbe;
}

export async function armJoinProbe(page: Page, pollMs = 20): Promise<void> {
  await page.evaluate((interval) => {
    const w = window as unknown as ProbeWindow;
    const probe: JoinProbe = {
      tappedAt: null,
      joinedAt: null,
      connectedAt: null,
      bytesAt: null,
      framedAt: null,
      rttMs: null,
      protocol: null,
      failed: null,
    };
    w.__join = probe;
    const tapped = () => (probe.tappedAt ??= performance.now());
    for (const type of ['touchstart', 'pointerdown', 'click']) {
      window.addEventListener(type, tapped, { capture: true, once: true });
    }
    const panel = document.querySelector<HTMLElement>('[data-testid="conference-panel"]');
    const phase = () => {
      const value = panel?.getAttribute('data-phase');
      if (value === 'joined') probe.joinedAt ??= performance.now();
      if (value === 'failed' || value === 'removed') probe.failed = value;
    };
    if (panel) new MutationObserver(phase).observe(panel, { attributes: true, attributeFilter: ['data-phase'] });

    const poll = async () => {
      for (const pc of w.__pcs) {
        if (pc.connectionState === 'closed') continue;
        const receiving = pc.getTransceivers().some((transceiver) => transceiver.direction === 'recvonly');
        if (receiving && pc.connectionState === 'connected') probe.connectedAt ??= performance.now();
        const report = await pc.getStats().catch(() => null);
        if (!report) continue;
        let bytes = 0;
        let frames = 0;
        report.forEach((stat) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video' && stat.trackIdentifier !== 'probator') {
            bytes += stat.bytesReceived ?? 0;
            frames += stat.framesDecoded ?? 0;
          }
        });
        if (bytes > 0) probe.bytesAt ??= performance.now();
        if (frames === 0) continue;
        probe.framedAt = performance.now();
        // The pair the video came over: the transport's selected one, and its local candidate's protocol.
        const byId = report as unknown as Map<string, Record<string, unknown>>;
        report.forEach((stat) => {
          if (stat.type !== 'transport') return;
          const pair = byId.get(stat.selectedCandidatePairId);
          if (typeof pair?.['currentRoundTripTime'] === 'number') probe.rttMs = pair['currentRoundTripTime'] * 1000;
          const local = byId.get(String(pair?.['localCandidateId']));
          probe.protocol = typeof local?.['protocol'] === 'string' ? local['protocol'] : null;
        });
        return;
      }
      if (!probe.failed) setTimeout(poll, interval);
    };
    void poll();
  }, pollMs);
}

/** Waits (bounded) for the armed probe to see the first frame; throws on a failed join or the deadline. */
export async function joinTimings(page: Page, timeoutMs: number): Promise<JoinTimings> {
  const handle = await page.waitForFunction(
    () => {
      const probe = (window as unknown as ProbeWindow).__join;
      return probe && (probe.failed || probe.framedAt !== null) ? probe : null;
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  const probe = (await handle.jsonValue()) as JoinProbe;
  if (probe.failed) throw new Error(`the join ended in phase "${probe.failed}"`);
  const { tappedAt, framedAt } = probe;
  if (tappedAt === null || framedAt === null) throw new Error('the tap was not seen');
  const since = (at: number | null) => (at ?? framedAt) - tappedAt;
  return {
    firstFrameMs: framedAt - tappedAt,
    joinedMs: since(probe.joinedAt),
    mediaConnectedMs: since(probe.connectedAt),
    firstBytesMs: since(probe.bytesAt),
    iceRttMs: probe.rttMs,
    iceProtocol: probe.protocol,
  };
}

/** Frames the page has encoded so far (all outbound video): > 0 once it produces. */
export function framesEncoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const pc of (window as unknown as ProbeWindow).__pcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats().catch(() => null);
      report?.forEach((stat) => {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video') frames += stat.framesEncoded ?? 0;
      });
    }
    return frames;
  });
}
