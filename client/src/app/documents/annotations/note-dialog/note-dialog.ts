import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ANNOTATION_TEXT_MAX } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import * as z from 'zod';

import { FieldErrorPipe, zodValidator } from '../../../core/forms/zod-forms';
import { LanguagePreference } from '../../../core/i18n/language-preference';

export interface NoteDialogData {
  page: number;
  /** Existing text when editing. */
  text?: string | null;
  /** A highlight's comment may be empty; a note needs text. */
  required: boolean;
  editing: boolean;
}

export type NoteDialogResult = { action: 'save'; text: string } | { action: 'delete' };

/** Writes or edits the text of a note (or of a highlight's comment). */
@Component({
  selector: 'ec-note-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoDirective,
    FieldErrorPipe,
  ],
  templateUrl: './note-dialog.html',
  styles: `
    .content {
      min-width: min(480px, 80vw);
    }
    .text {
      width: 100%;
    }
    .action {
      min-height: 48px;
    }
    .delete {
      margin-inline-end: auto;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteDialog {
  private readonly dialogRef = inject<MatDialogRef<NoteDialog, NoteDialogResult>>(MatDialogRef);

  protected readonly data = inject<NoteDialogData>(MAT_DIALOG_DATA);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly maxLength = ANNOTATION_TEXT_MAX;
  protected readonly text = new FormControl(this.data.text ?? '', {
    nonNullable: true,
    validators: zodValidator(
      this.data.required
        ? z.string().trim().min(1).max(ANNOTATION_TEXT_MAX)
        : z.string().trim().max(ANNOTATION_TEXT_MAX),
    ),
  });

  protected save(): void {
    if (this.text.invalid) {
      this.text.markAsTouched();
      return;
    }
    this.dialogRef.close({ action: 'save', text: this.text.value.trim() });
  }

  protected remove(): void {
    this.dialogRef.close({ action: 'delete' });
  }
}
