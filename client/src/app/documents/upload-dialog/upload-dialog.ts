import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { DOCUMENT_TITLE_MAX, DocumentResponse, DocumentVisibility, UploadDocumentFieldsSchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { Subscription } from 'rxjs';
import * as z from 'zod';

import { FieldErrorPipe, parseForm, zodValidator } from '../../core/forms/zod-forms';
import { Icon } from '../../core/icons/icon';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { MeetingPageStore } from '../../meetings/meeting-page/meeting-page-store';
import { FileSizePipe } from '../document-list/file-size';
import { DocumentsApi } from '../documents-api';
import { PROCESSING_POLL_MS, trackUpload, UploadPhase } from './upload-tracker';

export interface UploadDialogData {
  store: MeetingPageStore;
  agendaItemId: string | null;
  /** Set: upload a new version of this document. */
  document?: DocumentResponse;
}

/** What the server turns into PDF; anything else is refused there too, with a clear message. */
export const ACCEPTED_FILES = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt';

/**
 * Pick a file, describe it (title, agenda item, who may read it, confidential), send it with a real
 * byte-progress bar, then follow the server's processing until the document is ready or has failed.
 */
@Component({
  selector: 'ec-upload-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
    FileSizePipe,
    Icon,
  ],
  templateUrl: './upload-dialog.html',
  styleUrl: './upload-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadDialog {
  private readonly api = inject(DocumentsApi);
  private readonly dialogRef = inject<MatDialogRef<UploadDialog, DocumentResponse>>(MatDialogRef);
  private readonly pollMs = inject(PROCESSING_POLL_MS);
  private running: Subscription | null = null;

  protected readonly data = inject<UploadDialogData>(MAT_DIALOG_DATA);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly accepted = ACCEPTED_FILES;
  protected readonly store = this.data.store;
  protected readonly file = signal<File | null>(null);
  protected readonly fileMissing = signal(false);
  protected readonly dragging = signal(false);
  protected readonly progress = signal<UploadPhase | null>(null);
  protected readonly sending = computed(() => {
    const phase = this.progress()?.phase;
    return phase === 'uploading' || phase === 'processing';
  });
  protected readonly isVersion = !!this.data.document;
  protected readonly form = new FormGroup({
    title: new FormControl(this.data.document?.title ?? '', {
      nonNullable: true,
      validators: zodValidator(z.string().trim().max(DOCUMENT_TITLE_MAX)),
    }),
    agendaItemId: new FormControl(this.data.agendaItemId ?? '', { nonNullable: true }),
    visibility: new FormControl<DocumentVisibility>('all', { nonNullable: true }),
    readerIds: new FormControl<string[]>([], { nonNullable: true }),
    confidential: new FormControl(false, { nonNullable: true }),
  });
  /** Readers to pick from: the participants who are not organisers (those always see everything). */
  protected readonly readers = computed(() =>
    (this.store.meeting()?.participants ?? []).filter(
      (p) => p.meetingRole !== 'chair' && p.meetingRole !== 'secretary',
    ),
  );
  protected readonly visibility = toSignal(this.form.controls.visibility.valueChanges, {
    initialValue: this.form.controls.visibility.value,
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.running?.unsubscribe());
  }

  protected pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.choose(input.files?.[0] ?? null);
    // Picking the same file again after a failure must fire `change` again.
    input.value = '';
  }

  protected dragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected dropFile(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.choose(event.dataTransfer?.files?.[0] ?? null);
  }

  protected send(): void {
    if (this.sending()) {
      return;
    }
    const file = this.file();
    this.fileMissing.set(!file);
    const value = this.form.getRawValue();
    const fields = parseForm(this.form, UploadDocumentFieldsSchema, {
      title: value.title,
      agendaItemId: value.agendaItemId,
      visibility: value.visibility,
      readerIds: value.visibility === 'named' ? value.readerIds : [],
      confidential: value.confidential,
    });
    if (!file || !fields) {
      return;
    }
    const meetingId = this.store.meeting()?.id;
    if (!meetingId) {
      return;
    }
    const document = this.data.document;
    const upload$ = document
      ? this.api.uploadVersion(meetingId, document.id, file)
      : this.api.upload(meetingId, file, fields);
    this.progress.set({ phase: 'uploading', percent: 0, loaded: 0, total: file.size });
    this.dialogRef.disableClose = true;
    this.running = trackUpload(this.api, meetingId, upload$, this.pollMs).subscribe((phase) => {
      this.progress.set(phase);
      if (phase.phase !== 'uploading' && phase.phase !== 'error') {
        this.store.upsertDocument(phase.document);
      }
    });
  }

  /** Stops the upload (the browser aborts the request) or just closes once the server has the file. */
  protected close(): void {
    this.running?.unsubscribe();
    const phase = this.progress();
    this.dialogRef.close(phase && 'document' in phase ? phase.document : undefined);
  }

  /** After a failure: keep the form, let the user pick another file. */
  protected retry(): void {
    this.running?.unsubscribe();
    this.progress.set(null);
  }

  private choose(file: File | null): void {
    if (!file) {
      return;
    }
    this.file.set(file);
    this.fileMissing.set(false);
    if (!this.isVersion && !this.form.controls.title.value.trim()) {
      this.form.controls.title.setValue(file.name.replace(/\.[^.]+$/, '').slice(0, DOCUMENT_TITLE_MAX));
    }
  }
}
