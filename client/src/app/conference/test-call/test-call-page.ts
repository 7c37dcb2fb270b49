import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ErrorCode } from '@app/shared';
import { TranslocoDirective, TranslocoPipe } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LiveSessionClient } from '../../live/live-session-client';
import { ConferenceClient } from '../conference-client';
import { receiveTotals, roundTripMs } from '../conference-stats';
import { MediaTrack } from '../media-track';
import { MicLevel } from './mic-level';
import { ProbeResult, ReadinessProbe } from './readiness-probe';

/** Statistics are read once a second. */
export const TEST_CALL_SAMPLE_MS = 1000;
/** The report goes to the chair once the path works, or after this long with whatever was found. */
export const TEST_CALL_REPORT_AFTER_MS = 15_000;
/** A microphone that never got above this while the test ran is not heard. */
const HEARD_LEVEL = 0.02;

/**
 * `/meetings/:meetingId/test-call`: before the meeting, a site (or a delegate) sends its camera and
 * microphone to the server, which sends them straight back; the page shows both pictures, the
 * microphone level, the measured delay and bitrate, and a readiness report that goes to the chair.
 */
@Component({
  selector: 'ec-test-call-page',
  imports: [MatButtonModule, MatProgressBarModule, RouterLink, TranslocoDirective, TranslocoPipe, Icon, MediaTrack],
  providers: [ConferenceClient],
  templateUrl: './test-call-page.html',
  styleUrl: './test-call-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TestCallPage {
  /** Route param. */
  readonly meetingId = input.required<string>();

  private readonly live = inject(LiveSessionClient);
  protected readonly client = inject(ConferenceClient);
  protected readonly mic = new MicLevel();
  private probe = new ReadinessProbe();
  private startedAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  protected readonly result = signal<ProbeResult | null>(null);
  protected readonly sent = signal(false);
  protected readonly cameraTrack = computed(() => this.client.local.tracks().camera ?? null);
  /** The camera as it came back from the server. */
  protected readonly loopTrack = computed(
    () => this.client.remote().find((media) => media.kind === 'video' && !media.paused)?.track ?? null,
  );
  protected readonly camera = computed(() => this.client.sending().camera === 'on');
  protected readonly microphone = computed(
    () => this.client.sending().mic === 'on' && (!this.mic.supported || this.mic.peak() > HEARD_LEVEL),
  );
  protected readonly unsupported = computed(() => this.client.failure()?.code === ErrorCode.UnsupportedMediaType);

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      untracked(() => this.start(meetingId));
    });
    effect(() => {
      const track = this.client.local.tracks().mic;
      untracked(() => (track ? this.mic.start(track) : this.mic.stop()));
    });
    inject(DestroyRef).onDestroy(() => {
      this.stopSampling();
      this.mic.stop();
    });
  }

  protected again(): void {
    this.client.leave();
    this.start(this.meetingId());
  }

  private start(meetingId: string): void {
    // The bridge rides on the live session's socket: open it (no harm before the meeting starts).
    this.live.join(meetingId).catch(() => undefined);
    this.probe = new ReadinessProbe();
    this.result.set(null);
    this.sent.set(false);
    this.startedAt = Date.now();
    void this.client.join(meetingId, { test: true });
    this.stopSampling();
    this.timer = setInterval(() => void this.sample(meetingId), TEST_CALL_SAMPLE_MS);
  }

  private stopSampling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async sample(meetingId: string): Promise<void> {
    if (this.client.phase() !== 'joined') {
      return;
    }
    const [recv, send] = await Promise.all([this.client.transportStats('recv'), this.client.transportStats('send')]);
    if (!recv) {
      return;
    }
    const result = this.probe.add({
      ...receiveTotals(recv),
      at: Date.now(),
      rttMs: roundTripMs(recv) ?? (send ? roundTripMs(send) : null),
    });
    this.result.set(result);
    if (!this.sent() && (result.mediaPath || Date.now() - this.startedAt >= TEST_CALL_REPORT_AFTER_MS)) {
      await this.sendReport(meetingId, result);
    }
  }

  private async sendReport(meetingId: string, result: ProbeResult): Promise<void> {
    this.sent.set(true);
    const answer = await this.live.call('conference:test-report', {
      meetingId,
      report: {
        camera: this.camera(),
        microphone: this.microphone(),
        mediaPath: result.mediaPath,
        rttMs: result.rttMs,
        bitrate: result.bitrate,
      },
    });
    if (!answer.ok) this.sent.set(false); // Sent again with the next sample.
  }
}
