import { DOCUMENT, inject, InjectionToken } from '@angular/core';
import type { Device } from 'mediasoup-client/types';

/**
 * Makes the mediasoup-client Device of one join. mediasoup-client is loaded only then, so the live
 * page does not carry it until someone joins the video; tests give a fake.
 */
export const CONFERENCE_DEVICE_FACTORY = new InjectionToken<() => Promise<Device>>('CONFERENCE_DEVICE_FACTORY', {
  providedIn: 'root',
  factory: () => async () => {
    // mediasoup-client is CommonJS: the production build's chunk exports it only as `default`.
    const loaded = await import('mediasoup-client');
    const { Device } = 'Device' in loaded && loaded.Device ? loaded : loaded.default;
    return new Device();
  },
});

/** The browser's camera, microphone and screen capture (navigator.mediaDevices); tests give a fake. */
export interface MediaAccess {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia(options: DisplayMediaStreamOptions): Promise<MediaStream>;
}

export const MEDIA_ACCESS = new InjectionToken<MediaAccess>('MEDIA_ACCESS', {
  providedIn: 'root',
  factory: () => {
    const devices = inject(DOCUMENT).defaultView?.navigator.mediaDevices;
    // No mediaDevices outside a secure context (plain http): say so the way getUserMedia would.
    const unsupported = () => Promise.reject(new DOMException('No media devices', 'NotSupportedError'));
    return {
      getUserMedia: (constraints) => (devices ? devices.getUserMedia(constraints) : unsupported()),
      getDisplayMedia: (options) => (devices ? devices.getDisplayMedia(options) : unsupported()),
    };
  },
});

export interface ConferenceTimings {
  /** First wait before joining again after a failure; it doubles up to `rejoinMaxMs`. */
  rejoinBaseMs: number;
  rejoinMaxMs: number;
  /** Failed joins in a row before giving up (a new connection of the live socket starts again). */
  maxRejoinAttempts: number;
}

export const CONFERENCE_TIMINGS = new InjectionToken<ConferenceTimings>('CONFERENCE_TIMINGS', {
  providedIn: 'root',
  factory: () => ({ rejoinBaseMs: 500, rejoinMaxMs: 8_000, maxRejoinAttempts: 8 }),
});
