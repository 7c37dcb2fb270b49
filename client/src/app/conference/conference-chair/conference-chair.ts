import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ConferencePeer, PeerHealth } from '@app/shared';
import { TranslocoDirective, TranslocoPipe, TranslocoService } from '@jsverse/transloco';

import { confirmAction } from '../../core/confirm/confirm-dialog';
import { LiveSessionClient } from '../../live/live-session-client';
import { ConferenceClient } from '../conference-client';
import { ConferenceModeration } from '../conference-moderation';
import { Icon } from '../../core/icons/icon';

export interface HealthRow {
  peer: ConferencePeer;
  health: PeerHealth | null;
  micOn: boolean;
  cameraOn: boolean;
}

const kbps = (bps: number) => Math.round(bps / 1000);
const percent = (loss: number | null) => (loss === null ? '–' : (loss * 100).toFixed(1));

/**
 * The chair's hold on the bridge: every other peer with its live link health (delay, loss, bitrates,
 * microphone and camera, the layer it receives), mute or remove it, let a removed one back in; mute everyone (with a lock);
 * start and stop the recording; who passed the test call.
 */
@Component({
  selector: 'ec-conference-chair',
  imports: [MatButtonModule, TranslocoDirective, TranslocoPipe, Icon],
  templateUrl: './conference-chair.html',
  styleUrl: './conference-chair.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConferenceChair implements OnInit {
  readonly meetingId = input.required<string>();

  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  protected readonly client = inject(ConferenceClient);
  protected readonly moderation = inject(ConferenceModeration);
  private readonly live = inject(LiveSessionClient);
  protected readonly kbps = kbps;
  protected readonly percent = percent;

  protected readonly rows = computed<HealthRow[]>(() => {
    const health = this.moderation.health();
    return (this.client.state()?.peers ?? [])
      .filter((peer) => peer.peerId !== this.client.peerId())
      .map((peer) => {
        const h = health.get(peer.peerId) ?? null;
        return {
          peer,
          health: h,
          micOn: h?.micOn ?? (!!peer.producers.mic && !peer.producers.mic.paused && !peer.mutedByChair),
          cameraOn: h?.cameraOn ?? (!!peer.producers.camera && !peer.producers.camera.paused),
        };
      });
  });

  /** Removed from the bridge (they left it): named from the live session's attendance list. */
  protected readonly removed = computed(() => {
    const names = new Map((this.live.attendance()?.entries ?? []).map((e) => [e.participantId, e.displayName]));
    return (this.client.state()?.removedPeerIds ?? []).map((peerId) => ({
      peerId,
      displayName: names.get(peerId) ?? peerId,
    }));
  });

  ngOnInit(): void {
    void this.moderation.loadReadiness(this.meetingId());
  }

  protected muteAll(locked: boolean): void {
    void this.moderation.muteAll(this.meetingId(), locked);
  }

  protected unlock(): void {
    void this.moderation.setLock(this.meetingId(), false);
  }

  protected toggleRecording(): void {
    void this.moderation.setRecording(this.meetingId(), !this.client.recording().active);
  }

  protected toggleMute(peer: ConferencePeer): void {
    void this.moderation.mute(this.meetingId(), peer.peerId, !peer.mutedByChair);
  }

  protected remove(peer: ConferencePeer): void {
    const t = (key: string, params?: Record<string, string>) =>
      this.transloco.translate(`conference.chair.${key}`, params);
    confirmAction(this.dialog, {
      title: t('confirmRemoveTitle'),
      message: t('confirmRemove', { name: peer.displayName }),
      confirm: t('remove'),
    }).subscribe((confirmed) => {
      if (confirmed) void this.moderation.remove(this.meetingId(), peer.peerId);
    });
  }

  protected readmit(peerId: string): void {
    void this.moderation.readmit(this.meetingId(), peerId);
  }

  protected refreshReadiness(): void {
    void this.moderation.loadReadiness(this.meetingId());
  }
}
