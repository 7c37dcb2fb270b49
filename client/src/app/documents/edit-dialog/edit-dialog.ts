import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  DOCUMENT_TITLE_MAX,
  DocumentResponse,
  DocumentVisibility,
  ErrorResponse,
  UpdateDocumentRequest,
  UpdateDocumentSchema,
} from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import * as z from 'zod';

import { applyServerErrors, FieldErrorPipe, parseForm, zodValidator } from '../../core/forms/zod-forms';
import { toErrorResponse } from '../../core/http/api-error';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { MeetingPageStore } from '../../meetings/meeting-page/meeting-page-store';
import { DocumentsApi } from '../documents-api';

export interface EditDocumentDialogData {
  store: MeetingPageStore;
  document: DocumentResponse;
}

/** Changes a document's title, agenda item, readers and confidentiality; sends only what changed. */
@Component({
  selector: 'ec-edit-document-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
  ],
  templateUrl: './edit-dialog.html',
  styleUrl: './edit-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditDocumentDialog {
  private readonly api = inject(DocumentsApi);
  private readonly dialogRef = inject<MatDialogRef<EditDocumentDialog, DocumentResponse>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly data = inject<EditDocumentDialogData>(MAT_DIALOG_DATA);
  protected readonly store = this.data.store;
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly saving = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly form = new FormGroup({
    title: new FormControl(this.data.document.title, {
      nonNullable: true,
      validators: zodValidator(z.string().trim().min(1).max(DOCUMENT_TITLE_MAX)),
    }),
    agendaItemId: new FormControl(this.data.document.agendaItemId ?? '', { nonNullable: true }),
    visibility: new FormControl<DocumentVisibility>(this.data.document.visibility, { nonNullable: true }),
    readerIds: new FormControl<string[]>([...(this.data.document.readerIds ?? [])], { nonNullable: true }),
    confidential: new FormControl(this.data.document.confidential, { nonNullable: true }),
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

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.error.set(null);
    this.form.setErrors(null);
    const body = parseForm(this.form, UpdateDocumentSchema, this.changes());
    if (!body) {
      return;
    }
    const meetingId = this.data.document.meetingId;
    this.saving.set(true);
    this.api
      .update(meetingId, this.data.document.id, body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (document) => {
          this.store.upsertDocument(document);
          this.store.loadDocuments();
          this.dialogRef.close(document);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const response = toErrorResponse(error);
          applyServerErrors(this.form, response.errors);
          this.error.set(response);
        },
      });
  }

  protected cancel(): void {
    this.dialogRef.close();
  }

  /** Only the fields that differ from the document as it is. */
  private changes(): UpdateDocumentRequest {
    const doc = this.data.document;
    const value = this.form.getRawValue();
    const changes: UpdateDocumentRequest = {};
    if (value.title.trim() !== doc.title) {
      changes.title = value.title;
    }
    const agendaItemId = value.agendaItemId || null;
    if (agendaItemId !== doc.agendaItemId) {
      changes.agendaItemId = agendaItemId;
    }
    if (value.visibility !== doc.visibility) {
      changes.visibility = value.visibility;
    }
    if (value.visibility === 'named' && !sameIds(value.readerIds, doc.readerIds ?? [])) {
      changes.readerIds = value.readerIds;
    }
    if (value.confidential !== doc.confidential) {
      changes.confidential = value.confidential;
    }
    return changes;
  }
}

function sameIds(a: string[], b: string[]): boolean {
  const sorted = [...b].sort();
  return a.length === b.length && [...a].sort().every((id, i) => id === sorted[i]);
}
