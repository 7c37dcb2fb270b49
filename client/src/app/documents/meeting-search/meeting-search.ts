import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { ErrorResponse, SEARCH_QUERY_MAX, SearchHitResponse, SearchQuerySchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { FieldErrorPipe, zodValidator } from '../../core/forms/zod-forms';
import { Icon } from '../../core/icons/icon';
import { toErrorResponse } from '../../core/http/api-error';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { DocumentsApi } from '../documents-api';

/** A search hit's snippet cut in three, so the match can be marked up without trusting any HTML. */
export interface SnippetParts {
  before: string;
  match: string;
  after: string;
}

export function splitSnippet(hit: SearchHitResponse): SnippetParts {
  const start = Math.max(0, Math.min(hit.matchStart, hit.snippet.length));
  const end = Math.max(start, Math.min(start + hit.matchLength, hit.snippet.length));
  return { before: hit.snippet.slice(0, start), match: hit.snippet.slice(start, end), after: hit.snippet.slice(end) };
}

/**
 * Full-text search over every document of the meeting the reader may see. Vietnamese can be typed without
 * diacritics ("ngan sach" finds "ngân sách"); a hit opens the reader at its page with the word marked.
 */
@Component({
  selector: 'ec-meeting-search',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
    Icon,
  ],
  templateUrl: './meeting-search.html',
  styleUrl: './meeting-search.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingSearch {
  private readonly api = inject(DocumentsApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly meetingId = input.required<string>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly maxLength = SEARCH_QUERY_MAX;
  protected readonly query = new FormControl('', {
    nonNullable: true,
    validators: zodValidator(SearchQuerySchema.shape.q),
  });
  protected readonly form = new FormGroup({ q: this.query });
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);
  /** null: nothing searched yet. */
  protected readonly hits = signal<{ q: string; hits: SearchHitResponse[] } | null>(null);
  protected readonly split = splitSnippet;

  protected submit(): void {
    this.query.markAsTouched();
    if (this.query.invalid) {
      return;
    }
    const q = this.query.value.trim();
    this.busy.set(true);
    this.error.set(null);
    this.api
      .search(this.meetingId(), q)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (hits) => {
          this.busy.set(false);
          this.hits.set({ q, hits });
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(toErrorResponse(error));
        },
      });
  }

  protected clear(): void {
    this.query.setValue('');
    this.query.markAsUntouched();
    this.hits.set(null);
    this.error.set(null);
  }
}
