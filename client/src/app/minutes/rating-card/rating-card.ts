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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  ErrorCode,
  ErrorResponse,
  MeetingDetailResponse,
  RATING_COMMENT_MAX,
  RATING_SCORES,
  RatingResponse,
  RatingSummaryResponse,
} from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { toErrorResponse } from '../../core/http/api-error';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { RatingApi } from '../rating-api';

let nextId = 0;

export interface RatingBar {
  score: number;
  count: number;
  /** Share of all ratings, 0..100. */
  percent: number;
}

/** The bars of a summary, 5 stars first. */
export function ratingBars(summary: RatingSummaryResponse): RatingBar[] {
  return [...RATING_SCORES].reverse().map((score) => {
    const count = summary.distribution[score - 1] ?? 0;
    return { score, count, percent: summary.count ? Math.round((count / summary.count) * 1000) / 10 : 0 };
  });
}

/**
 * After the meeting: my rating (1–5 stars as a radio group, and a comment), which I may change; for
 * the chair and secretary, the aggregate: average, how many rated, the distribution, the comments
 * without names.
 */
@Component({
  selector: 'ec-rating-card',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoDirective, ServerMessagePipe],
  templateUrl: './rating-card.html',
  styleUrl: './rating-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingCard {
  private readonly api = inject(RatingApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly meeting = input.required<MeetingDetailResponse>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly scores = RATING_SCORES;
  protected readonly maxComment = RATING_COMMENT_MAX;
  protected readonly groupName = `ec-rating-${nextId++}`;

  protected readonly score = signal<number | null>(null);
  protected readonly comment = signal('');
  protected readonly mine = signal<RatingResponse | null>(null);
  protected readonly summary = signal<RatingSummaryResponse | null>(null);
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);

  protected readonly canManage = computed(() => ['chair', 'secretary'].includes(this.meeting().myRole));
  protected readonly commentTooLong = computed(() => this.comment().trim().length > RATING_COMMENT_MAX);
  protected readonly canSend = computed(() => this.score() !== null && !this.sending() && !this.commentTooLong());
  /** "3,33" / "3.33". */
  protected readonly average = computed(() => {
    const average = this.summary()?.average;
    if (average === null || average === undefined) return null;
    return average.toLocaleString(this.lang() === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 });
  });
  protected readonly bars = computed(() => {
    const summary = this.summary();
    return summary ? ratingBars(summary) : [];
  });

  constructor() {
    effect(() => {
      const meetingId = this.meeting().id;
      const organiser = this.canManage();
      untracked(() => this.load(meetingId, organiser));
    });
  }

  protected choose(score: number): void {
    this.score.set(score);
    this.sent.set(false);
  }

  protected editComment(event: Event): void {
    this.comment.set((event.target as HTMLTextAreaElement).value);
    this.sent.set(false);
  }

  protected send(): void {
    const score = this.score();
    if (score === null || !this.canSend()) return;
    const meetingId = this.meeting().id;
    this.sending.set(true);
    this.error.set(null);
    this.api
      .rate(meetingId, { score, comment: this.comment().trim() || null })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (rating) => {
          this.sending.set(false);
          this.sent.set(true);
          this.mine.set(rating);
          if (this.canManage()) this.loadSummary(meetingId);
        },
        error: (error: unknown) => {
          this.sending.set(false);
          this.error.set(toErrorResponse(error));
        },
      });
  }

  private load(meetingId: string, organiser: boolean): void {
    this.api
      .mine(meetingId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (rating) => {
          this.mine.set(rating);
          this.score.set(rating.score);
          this.comment.set(rating.comment ?? '');
        },
        error: (error: unknown) => {
          // Not rated yet: the form starts empty.
          const problem = toErrorResponse(error);
          if (problem.code !== ErrorCode.NotFound) this.error.set(problem);
        },
      });
    if (organiser) this.loadSummary(meetingId);
  }

  private loadSummary(meetingId: string): void {
    this.api
      .summary(meetingId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (summary) => this.summary.set(summary),
        error: () => this.summary.set(null),
      });
  }
}
