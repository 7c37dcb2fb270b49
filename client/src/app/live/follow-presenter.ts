import { computed, DestroyRef, effect, inject, Injectable, InjectionToken, signal, untracked } from '@angular/core';
import { PresenterPosition } from '@app/shared';

import { LiveSessionClient } from './live-session-client';

/** The presenter sends at most one move per this many ms (the last position always goes out). */
export const PRESENTER_MOVE_THROTTLE_MS = new InjectionToken<number>('PRESENTER_MOVE_THROTTLE_MS', {
  providedIn: 'root',
  factory: () => 150,
});

/**
 * Follow the presenter, shared by every reader: where the presenter is, whether this reader follows
 * (on by default, and again whenever someone new starts presenting), and — when this user presents —
 * the throttled `presenter:move` of their page, zoom and scroll.
 */
@Injectable({ providedIn: 'root' })
export class FollowPresenter {
  private readonly live = inject(LiveSessionClient);
  private readonly throttleMs = inject(PRESENTER_MOVE_THROTTLE_MS);
  private readonly followingState = signal(true);

  private timer: ReturnType<typeof setTimeout> | null = null;
  private queued: { meetingId: string; position: PresenterPosition } | null = null;
  private lastSent: string | null = null;
  /** The last position this presenter meant to send; sent again if it was lost to a dropped link. */
  private lastWanted: { meetingId: string; position: PresenterPosition } | null = null;
  private unsent = false;

  /** The live meeting this reader takes part in; null when none is live. */
  private readonly session = computed(() => {
    const state = this.live.state();
    return state && state.meeting.status === 'live' ? state : null;
  });

  readonly meetingId = computed(() => this.session()?.meetingId ?? null);
  readonly following = this.followingState.asReadonly();
  readonly presenterName = computed(() => this.session()?.presentation.presenterName ?? null);
  /** This user is the presenter: their reader leads. */
  readonly isPresenter = computed(() => {
    const session = this.session();
    return !!session?.presentation.presenterUserId && session.presentation.presenterUserId === session.viewer.userId;
  });
  /** Where the presenter is, for a reader that does not present; null when nobody presents. */
  readonly position = computed(() => {
    const presentation = this.session()?.presentation;
    return !presentation?.presenterUserId || this.isPresenter() ? null : presentation.position;
  });
  /** What a following reader should show now; null when reading freely or nothing to follow. */
  readonly target = computed(() => (this.followingState() ? this.position() : null));

  constructor() {
    // Someone (else) starts presenting: everyone follows again.
    let presenter: string | null = null;
    effect(() => {
      const userId = this.session()?.presentation.presenterUserId ?? null;
      untracked(() => {
        if (userId !== presenter) {
          presenter = userId;
          this.followingState.set(true);
          this.lastSent = null;
        }
      });
    });
    // Back online: a move lost while offline goes out again.
    effect(() => {
      if (this.live.connected() && this.isPresenter()) {
        untracked(() => {
          if (this.unsent && this.lastWanted) {
            this.unsent = false;
            this.lastSent = null;
            this.move(this.lastWanted.meetingId, this.lastWanted.position);
          }
        });
      }
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.timer) clearTimeout(this.timer);
    });
  }

  follow(): void {
    this.followingState.set(true);
  }

  readFreely(): void {
    this.followingState.set(false);
  }

  /**
   * The presenter's reader moved. Sent at once, then at most once per throttle period; the position at
   * the end of a burst always goes out. Ignored unless this user presents in `meetingId`.
   */
  move(meetingId: string, position: PresenterPosition): void {
    if (!this.isPresenter() || this.meetingId() !== meetingId) {
      return;
    }
    this.queued = { meetingId, position: roundPosition(position) };
    this.lastWanted = this.queued;
    if (!this.timer) {
      this.flush();
    }
  }

  private flush(): void {
    const request = this.queued;
    this.queued = null;
    if (!request) {
      this.timer = null;
      return;
    }
    const key = JSON.stringify(request);
    if (key !== this.lastSent) {
      this.lastSent = key;
      void this.live.call('presenter:move', request, { quiet: true }).then((result) => {
        if (!result.ok && this.lastSent === key) {
          this.lastSent = null;
          this.unsent = !this.live.connected();
        }
      });
    }
    this.timer = setTimeout(() => this.flush(), this.throttleMs);
  }
}

/** Three decimals are plenty for a scroll fraction or a zoom, and keep equal positions equal. */
function roundPosition(position: PresenterPosition): PresenterPosition {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    ...position,
    scale: position.scale === null ? null : round(position.scale),
    scrollTop: Math.min(1, Math.max(0, round(position.scrollTop))),
    scrollLeft: Math.min(1, Math.max(0, round(position.scrollLeft))),
  };
}
