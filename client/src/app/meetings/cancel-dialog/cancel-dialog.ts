import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MeetingTransitionSchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import * as z from 'zod';

import { FieldErrorPipe, zodValidator } from '../../core/forms/zod-forms';
import { LanguagePreference } from '../../core/i18n/language-preference';

export interface CancelDialogData {
  title: string;
  /** Participants were told about a scheduled meeting: they must learn why it is called off. */
  reasonRequired: boolean;
}

/** Asks for the reason a meeting is called off; closes with the reason ('' when none), or undefined. */
@Component({
  selector: 'ec-cancel-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoDirective,
    FieldErrorPipe,
  ],
  templateUrl: './cancel-dialog.html',
  styles: `
    .content {
      min-width: min(480px, 80vw);
    }
    .reason {
      width: 100%;
    }
    .action {
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CancelDialog {
  private readonly dialogRef = inject<MatDialogRef<CancelDialog, string>>(MatDialogRef);

  protected readonly data = inject<CancelDialogData>(MAT_DIALOG_DATA);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    // The shared schema's reason (1..1000 characters), or nothing at all when it is optional.
    validators: zodValidator(
      this.data.reasonRequired ? MeetingTransitionSchema.shape.reason.unwrap() : z.string().trim().max(1000),
    ),
  });

  protected confirm(): void {
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      return;
    }
    this.dialogRef.close(this.reason.value.trim());
  }
}
