import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentResponse, ErrorResponse, ReadReceiptResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { toErrorResponse } from '../../core/http/api-error';
import { formatInstant } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { MeetingPageStore } from '../../meetings/meeting-page/meeting-page-store';
import { DocumentsApi } from '../documents-api';

export interface ReceiptsDialogData {
  store: MeetingPageStore;
  document: DocumentResponse;
}

/** Who opened which version of a document and when, and who has not opened the current version yet. */
@Component({
  selector: 'ec-receipts-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, TranslocoDirective, ServerMessagePipe],
  templateUrl: './receipts-dialog.html',
  styleUrl: './receipts-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReceiptsDialog {
  private readonly api = inject(DocumentsApi);

  protected readonly data = inject<ReceiptsDialogData>(MAT_DIALOG_DATA);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly receipts = signal<ReadReceiptResponse[] | null>(null);
  protected readonly error = signal<ErrorResponse | null>(null);
  /** Participants allowed to read the document who have no receipt for its current version. */
  protected readonly notOpened = computed(() => {
    const receipts = this.receipts();
    const doc = this.data.document;
    if (!receipts || doc.currentVersion === null) {
      return [];
    }
    const opened = new Set(receipts.filter((r) => r.version === doc.currentVersion).map((r) => r.userId));
    const readers = new Set(doc.readerIds ?? []);
    return (this.data.store.meeting()?.participants ?? []).filter(
      (p) =>
        !opened.has(p.userId) &&
        (doc.visibility === 'all' ||
          readers.has(p.userId) ||
          p.meetingRole === 'chair' ||
          p.meetingRole === 'secretary'),
    );
  });

  constructor() {
    const doc = this.data.document;
    this.api
      .receipts(doc.meetingId, doc.id)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe({
        next: (receipts) => this.receipts.set(receipts),
        error: (error: unknown) => this.error.set(toErrorResponse(error)),
      });
  }

  protected time(instant: string): string {
    return formatInstant(instant, this.lang());
  }
}
