import { signal } from '@angular/core';

/** How loud the microphone is (0..1, RMS), ten times a second, with an AudioContext analyser. */
export class MicLevel {
  private readonly current = signal(0);
  private readonly loudest = signal(0);
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  readonly level = this.current.asReadonly();
  /** The loudest level since `start()`: a silent (or hardware-muted) microphone stays near 0. */
  readonly peak = this.loudest.asReadonly();
  /** False where there is no Web Audio (nothing to measure with). */
  readonly supported = typeof AudioContext !== 'undefined' && typeof MediaStream !== 'undefined';

  start(track: MediaStreamTrack): void {
    this.stop();
    if (!this.supported) {
      return;
    }
    const context = new AudioContext();
    this.context = context;
    void context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    this.timer = setInterval(() => {
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      this.current.set(level);
      this.loudest.update((peak) => Math.max(peak, level));
    }, 100);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
    this.current.set(0);
    this.loudest.set(0);
  }
}
