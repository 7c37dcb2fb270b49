import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { DocumentResponse, ErrorResponse } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';

import { confirmAction } from '../../core/confirm/confirm-dialog';
import { Icon } from '../../core/icons/icon';
import { toErrorResponse } from '../../core/http/api-error';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { MeetingPageStore } from '../../meetings/meeting-page/meeting-page-store';
import { DocumentsApi } from '../documents-api';
import { EditDocumentDialog, EditDocumentDialogData } from '../edit-dialog/edit-dialog';
import { ReceiptsDialog, ReceiptsDialogData } from '../receipts-dialog/receipts-dialog';
import { UploadDialog, UploadDialogData } from '../upload-dialog/upload-dialog';
import { FileSizePipe } from './file-size';

/**
 * Documents of one agenda item (or of none): first-page thumbnail, title, pages, state. Ready ones open in
 * the reader; organisers upload here, edit the settings, see who has read it, add a new version or delete.
 */
@Component({
  selector: 'ec-document-list',
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoDirective,
    Icon,
    ServerMessagePipe,
    FileSizePipe,
  ],
  templateUrl: './document-list.html',
  styleUrl: './document-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentList {
  private readonly api = inject(DocumentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);

  readonly documents = input.required<DocumentResponse[]>();
  /** Where "upload here" attaches the document; null for documents outside the agenda. */
  readonly agendaItemId = input<string | null>(null);

  protected readonly store = inject(MeetingPageStore);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly error = signal<ErrorResponse | null>(null);

  protected thumbnail(doc: DocumentResponse): string | null {
    return doc.currentVersion === null ? null : this.api.thumbnailUrl(doc.meetingId, doc.id, doc.currentVersion, 1);
  }

  protected upload(): void {
    this.openUpload({ store: this.store, agendaItemId: this.agendaItemId() });
  }

  protected uploadVersion(document: DocumentResponse): void {
    this.openUpload({ store: this.store, agendaItemId: document.agendaItemId, document });
  }

  protected edit(document: DocumentResponse): void {
    this.dialog.open<EditDocumentDialog, EditDocumentDialogData>(EditDocumentDialog, {
      data: { store: this.store, document },
      autoFocus: 'first-tabbable',
      width: 'min(640px, 92vw)',
    });
  }

  protected showReceipts(document: DocumentResponse): void {
    this.dialog.open<ReceiptsDialog, ReceiptsDialogData>(ReceiptsDialog, {
      data: { store: this.store, document },
      width: 'min(640px, 92vw)',
    });
  }

  protected remove(document: DocumentResponse): void {
    this.error.set(null);
    confirmAction(this.dialog, {
      title: this.transloco.translate('documents.list.deleteTitle'),
      message: this.transloco.translate('documents.list.confirmDelete', { title: document.title }),
      confirm: this.transloco.translate('common.delete'),
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.deleteDocument(document.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ error: (error: unknown) => this.error.set(toErrorResponse(error)) });
  }

  private openUpload(data: UploadDialogData): void {
    this.dialog.open<UploadDialog, UploadDialogData>(UploadDialog, {
      data,
      autoFocus: 'first-tabbable',
      // Closing by a stray tap on the backdrop would abort an upload in flight.
      disableClose: true,
      width: 'min(640px, 92vw)',
    });
  }
}
