import { signal } from '@angular/core';
import type { MediaSource } from '@app/shared';

import type { MediaAccess } from './conference-devices';
import { AUDIO_CONSTRAINTS, CAMERA_CONSTRAINTS } from './send-options';

/** Why the camera or microphone could not be had. */
export type MediaProblem = 'denied' | 'notFound' | 'unavailable';

function problemOf(error: unknown): MediaProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  return 'unavailable';
}

/**
 * This device's own tracks (microphone, camera, screen). They outlive a rejoin: a dropped site sends
 * the same tracks again without asking for permission again, and the camera does not blink.
 */
export class LocalMedia {
  private readonly current = signal<Partial<Record<MediaSource, MediaStreamTrack>>>({});
  private readonly failure = signal<MediaProblem | null>(null);

  readonly tracks = this.current.asReadonly();
  /** The last camera or microphone failure; null once both that were asked for work. */
  readonly problem = this.failure.asReadonly();

  constructor(private readonly access: MediaAccess) {}

  track(source: MediaSource): MediaStreamTrack | null {
    const track = this.current()[source];
    return track && track.readyState !== 'ended' ? track : null;
  }

  /** Gets the microphone and (unless `video` is false) the camera, whichever is not held yet. */
  async acquire({ audio, video }: { audio: boolean; video: boolean }): Promise<void> {
    const wantAudio = audio && !this.track('mic');
    const wantVideo = video && !this.track('camera');
    if (!wantAudio && !wantVideo) {
      return;
    }
    try {
      const stream = await this.access.getUserMedia({
        audio: wantAudio ? AUDIO_CONSTRAINTS : false,
        video: wantVideo ? CAMERA_CONSTRAINTS : false,
      });
      this.keep('mic', stream.getAudioTracks()[0]);
      this.keep('camera', stream.getVideoTracks()[0]);
      this.failure.set(null);
    } catch (error) {
      if (wantAudio && wantVideo) {
        // A missing or refused camera must not cost the microphone (nor the other way round).
        await this.acquire({ audio: true, video: false });
        const micProblem = this.failure();
        await this.acquire({ audio: false, video: true });
        this.failure.update((camera) => camera ?? micProblem);
      } else {
        this.failure.set(problemOf(error));
      }
    }
  }

  /** Asks which screen or window to share; null when the user cancels. */
  async startScreen(): Promise<MediaStreamTrack | null> {
    try {
      const stream = await this.access.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
      const track = stream.getVideoTracks()[0] ?? null;
      this.keep('screen', track);
      return track;
    } catch {
      return null;
    }
  }

  stop(source: MediaSource): void {
    const track = this.current()[source];
    track?.stop();
    if (track) {
      this.current.update(({ [source]: _, ...rest }) => rest);
    }
  }

  stopAll(): void {
    for (const source of ['mic', 'camera', 'screen'] as const) this.stop(source);
  }

  private keep(source: MediaSource, track: MediaStreamTrack | undefined | null): void {
    if (track) {
      this.current.update((tracks) => ({ ...tracks, [source]: track }));
    }
  }
}
