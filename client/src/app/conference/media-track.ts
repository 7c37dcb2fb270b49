import { Directive, effect, ElementRef, inject, input } from '@angular/core';

/**
 * Plays one track in the `<video>` or `<audio>` it sits on (`[ecMediaTrack]="track"`); null clears it.
 * A new MediaStream per track: the element restarts only when its track changes.
 */
@Directive({ selector: 'video[ecMediaTrack], audio[ecMediaTrack]' })
export class MediaTrack {
  readonly ecMediaTrack = input.required<MediaStreamTrack | null>();

  private readonly element = inject<ElementRef<HTMLMediaElement>>(ElementRef).nativeElement;

  constructor() {
    effect(() => {
      const track = this.ecMediaTrack();
      if (typeof MediaStream === 'undefined') {
        return; // Not a browser with WebRTC (unit tests): nothing to play.
      }
      this.element.srcObject = track ? new MediaStream([track]) : null;
      // Autoplay may need a user gesture; joining was one. A refusal leaves the element paused.
      if (track) this.element.play().catch(() => undefined);
    });
  }
}
