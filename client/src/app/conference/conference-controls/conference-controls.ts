import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoDirective } from '@jsverse/transloco';

import { ConferenceClient } from '../conference-client';
import { Icon } from '../../core/icons/icon';

/**
 * One's own controls in the video: microphone, camera, screen, audio only, leave. Large buttons with
 * their action written on them (a tablet in a commune hall is tapped by many different hands).
 */
@Component({
  selector: 'ec-conference-controls',
  imports: [MatButtonModule, TranslocoDirective, Icon],
  templateUrl: './conference-controls.html',
  styleUrl: './conference-controls.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConferenceControls {
  protected readonly client = inject(ConferenceClient);
  protected readonly sending = this.client.sending;
  protected readonly joined = computed(() => this.client.phase() === 'joined');
  /** Screen capture exists on desktops; most tablets have none. */
  protected readonly canShare = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia;
  private readonly pending = signal<ReadonlySet<string>>(new Set());

  protected busy(key: string): boolean {
    return this.pending().has(key);
  }

  protected toggleMic(): Promise<void> {
    return this.guard('mic', () => this.client.toggleMic());
  }

  protected toggleCamera(): Promise<void> {
    return this.guard('camera', () => this.client.toggleCamera());
  }

  protected toggleScreen(): Promise<void> {
    return this.guard('screen', async () => {
      if (this.sending().screen === 'off') {
        await this.client.startScreenShare();
      } else {
        await this.client.stopScreenShare();
      }
    });
  }

  protected toggleAudioOnly(): Promise<void> {
    return this.guard('audioOnly', () => this.client.setAudioOnly(!this.client.audioOnly()));
  }

  protected leave(): void {
    this.client.leave();
  }

  /** One tap at a time per button: a double tap must not mute and unmute. */
  private async guard(key: string, work: () => Promise<unknown>): Promise<void> {
    if (this.busy(key)) {
      return;
    }
    this.pending.update((keys) => new Set([...keys, key]));
    try {
      await work();
    } finally {
      this.pending.update((keys) => new Set([...keys].filter((k) => k !== key)));
    }
  }
}
