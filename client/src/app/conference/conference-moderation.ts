import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { LiveEventName, LiveResult, PeerHealth, SiteReadiness } from '@app/shared';

import { LiveData, LivePayload, LiveSessionClient } from '../live/live-session-client';
import { ConferenceClient } from './conference-client';

/**
 * The chair's (and secretary's) hold on the video: live health of every peer, mute and remove, mute
 * all with lock, recording, and who passed the test call. The server enforces all of it; this only asks.
 */
@Injectable()
export class ConferenceModeration {
  private readonly live = inject(LiveSessionClient);
  private readonly conference = inject(ConferenceClient);
  private readonly healthValue = signal<ReadonlyMap<string, PeerHealth>>(new Map());
  private readonly readinessValue = signal<SiteReadiness[] | null>(null);
  private readonly inFlight = signal<ReadonlySet<string>>(new Set());

  /** Latest health by peer id (about every 2 s, in the room or not). */
  readonly health = this.healthValue.asReadonly();
  readonly readiness = this.readinessValue.asReadonly();
  readonly passedCount = computed(() => this.readinessValue()?.filter((site) => site.passed).length ?? 0);

  constructor() {
    const stop = this.live.on('conference:health', ({ meetingId, peers }) => {
      if (meetingId === this.conference.meetingId()) {
        this.healthValue.set(new Map(peers.map((peer) => [peer.peerId, peer])));
      }
    });
    inject(DestroyRef).onDestroy(stop);
  }

  /** `key` is on its way: its button waits. */
  busy(key: string): boolean {
    return this.inFlight().has(key);
  }

  mute(meetingId: string, peerId: string, muted: boolean): Promise<boolean> {
    return this.run(`mute:${peerId}`, 'conference:mute', { meetingId, peerId, muted });
  }

  /** Mutes every peer but the organisers; `locked`: they cannot unmute themselves until unlocked. */
  muteAll(meetingId: string, locked: boolean): Promise<boolean> {
    return this.run('mute-all', 'conference:mute-all', { meetingId, locked });
  }

  /** Lifts (or sets) the lock without muting or unmuting anyone. */
  setLock(meetingId: string, locked: boolean): Promise<boolean> {
    return this.run('lock', 'conference:lock', { meetingId, locked });
  }

  remove(meetingId: string, peerId: string): Promise<boolean> {
    return this.run(`remove:${peerId}`, 'conference:remove', { meetingId, peerId });
  }

  /** A removed peer may join again (it is told, and offered to rejoin). */
  readmit(meetingId: string, peerId: string): Promise<boolean> {
    return this.run(`readmit:${peerId}`, 'conference:readmit', { meetingId, peerId });
  }

  setRecording(meetingId: string, active: boolean): Promise<boolean> {
    return this.run('recording', 'conference:recording', { meetingId, active });
  }

  /** Background data: a failure shows no snackbar (the list stays as it was; Refresh tries again). */
  async loadReadiness(meetingId: string): Promise<void> {
    const result = await this.call('readiness', 'conference:readiness', { meetingId }, true);
    if (result.ok) this.readinessValue.set(result.data);
  }

  private async run<E extends LiveEventName>(key: string, event: E, payload: LivePayload<E>): Promise<boolean> {
    return (await this.call(key, event, payload)).ok;
  }

  private async call<E extends LiveEventName>(
    key: string,
    event: E,
    payload: LivePayload<E>,
    quiet = false,
  ): Promise<LiveResult<LiveData<E>>> {
    this.inFlight.update((keys) => new Set([...keys, key]));
    try {
      return await this.live.call(event, payload, { quiet });
    } finally {
      this.inFlight.update((keys) => new Set([...keys].filter((k) => k !== key)));
    }
  }
}
