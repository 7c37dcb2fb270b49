import type { DownlinkLevel } from '@app/shared';
import { parseScalabilityMode, type types as ms } from 'mediasoup';

import { effectiveLayers, Layers } from './layer-cap';

/**
 * Applies a peer's downlink level to one of its video consumers: pauses it in audio only, otherwise
 * resumes it and caps its preferred layers. Audio consumers are left alone. `keepPaused` is for a
 * consumer paused for another reason (not yet acknowledged by the client, or hidden by it): the cap is
 * still set, but it is not resumed. A consumer closed meanwhile is skipped.
 */
export async function applyDownlink(
  consumer: ms.Consumer,
  level: DownlinkLevel,
  requested: Layers | null,
  keepPaused = false,
): Promise<void> {
  if (consumer.closed || consumer.kind !== 'video') return;
  const layers = effectiveLayers(level, requested);
  try {
    if (!layers) {
      if (!consumer.paused) await consumer.pause();
      return;
    }
    // Simple (single-encoding, e.g. H264 from Safari) consumers have no layers to choose.
    if (consumer.type === 'simulcast' || consumer.type === 'svc') {
      // mediasoup clamps the layers and fills an absent temporal layer with the highest: do the same here, so an
      // unchanged cap is not sent again on every tick.
      const mode = parseScalabilityMode(consumer.rtpParameters.encodings?.[0]?.scalabilityMode);
      const target = {
        spatialLayer: Math.min(layers.spatialLayer, mode.spatialLayers - 1),
        temporalLayer: Math.min(layers.temporalLayer ?? Infinity, mode.temporalLayers - 1),
      };
      const current = consumer.preferredLayers;
      if (current?.spatialLayer !== target.spatialLayer || current?.temporalLayer !== target.temporalLayer) {
        await consumer.setPreferredLayers(target);
      }
    }
    if (consumer.paused && !keepPaused) await consumer.resume();
  } catch (error) {
    if (!consumer.closed) throw error;
  }
}
