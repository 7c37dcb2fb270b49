import type { DownlinkLevel } from '@app/shared';

/** Simulcast layers of a consumer (mediasoup's ConsumerLayers, without importing mediasoup into pure code). */
export interface Layers {
  spatialLayer: number;
  temporalLayer?: number;
}

/** Highest spatial layer each level lets through: encodings are ordered 180p (0), 360p (1), 720p (2). */
export const MAX_SPATIAL_LAYER: Record<Exclude<DownlinkLevel, 'audio_only'>, number> = { low: 0, medium: 1, high: 2 };

/**
 * The preferred layers to set on a video consumer: the lower of what the client asked (high only for its
 * large tile) and what the peer's downlink level allows; `null` means pause the consumer (audio only).
 * A client that asked nothing gets the level's maximum.
 */
export function effectiveLayers(level: DownlinkLevel, requested: Layers | null): Layers | null {
  if (level === 'audio_only') return null;
  const cap = MAX_SPATIAL_LAYER[level];
  if (!requested) return { spatialLayer: cap };
  const layers: Layers = { spatialLayer: Math.min(requested.spatialLayer, cap) };
  if (requested.temporalLayer !== undefined) layers.temporalLayer = requested.temporalLayer;
  return layers;
}
