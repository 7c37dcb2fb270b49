import type { Page } from 'playwright-core';

/**
 * The baseline: what WebRTC alone needs in this browser on this machine. Two RTCPeerConnections in
 * one page, the fake camera already captured: from creating them to the first frame decoded at the
 * receiving one (offer/answer, ICE, DTLS, first key frame, decode), getStats polled every 20 ms as
 * in the join probe. No server, no signalling round trips.
 */
export function localLoopbackFirstFrameMs(page: Page, timeoutMs: number): Promise<number> {
  return page.evaluate(
    async ({ timeout }) => {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      const started = performance.now();
      const sender = new RTCPeerConnection();
      const receiver = new RTCPeerConnection();
      try {
        sender.onicecandidate = ({ candidate }) => candidate && void receiver.addIceCandidate(candidate);
        receiver.onicecandidate = ({ candidate }) => candidate && void sender.addIceCandidate(candidate);
        for (const track of stream.getTracks()) sender.addTrack(track, stream);
        await sender.setLocalDescription();
        await receiver.setRemoteDescription(sender.localDescription as RTCSessionDescriptionInit);
        await receiver.setLocalDescription();
        await sender.setRemoteDescription(receiver.localDescription as RTCSessionDescriptionInit);
        while (performance.now() - started < timeout) {
          const report = await receiver.getStats();
          let decoded = false;
          report.forEach((stat) => {
            if (stat.type === 'inbound-rtp' && stat.kind === 'video' && (stat.framesDecoded ?? 0) > 0) decoded = true;
          });
          if (decoded) return performance.now() - started;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error(`no frame decoded within ${timeout} ms`);
      } finally {
        sender.close();
        receiver.close();
        for (const track of stream.getTracks()) track.stop();
      }
    },
    { timeout: timeoutMs },
  );
}
