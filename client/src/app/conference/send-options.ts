import type { MediaSource } from '@app/shared';
import type { Device, ProducerOptions, RtpCodecCapability, RtpEncodingParameters } from 'mediasoup-client/types';

export const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/** 720p at most: the top simulcast layer. */
export const CAMERA_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 24, max: 30 },
};

/**
 * Three simulcast layers (180p, 360p, 720p): the server forwards the one each receiver's tile and
 * downlink allow, so a weak commune link still gets a picture.
 */
export const CAMERA_ENCODINGS: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** Slides and documents: one sharp layer at a low frame rate is better than three blurry ones. */
export const SCREEN_ENCODINGS: RtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 15 }];

/**
 * VP8 where the device sends it (simulcast is best supported there); otherwise mediasoup-client's
 * first choice (H264 on an older Safari), never a codec the device lacks.
 */
export function preferredVideoCodec(device: Pick<Device, 'sendRtpCapabilities'>): RtpCodecCapability | undefined {
  return device.sendRtpCapabilities.codecs?.find((codec) => codec.mimeType.toLowerCase() === 'video/vp8');
}

/** How each source is sent (without its track). */
export function sendOptions(source: MediaSource, device: Pick<Device, 'sendRtpCapabilities'>): ProducerOptions {
  switch (source) {
    case 'mic':
      return { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } };
    case 'camera':
      return {
        encodings: CAMERA_ENCODINGS,
        codec: preferredVideoCodec(device),
        codecOptions: { videoGoogleStartBitrate: 1000 },
      };
    case 'screen':
      return { encodings: SCREEN_ENCODINGS, codec: preferredVideoCodec(device) };
  }
}
