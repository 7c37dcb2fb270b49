import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ChangePasswordSchema, ErrorResponse, PASSWORD_MIN_LENGTH } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthApi } from '../../core/auth/auth-api';
import { applyServerErrors, FieldErrorPipe, parseForm, zodValidator } from '../../core/forms/zod-forms';
import { toErrorResponse } from '../../core/http/api-error';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';

/** Current password, new password twice. Closes with `true` once the server has accepted it. */
@Component({
  selector: 'ec-change-password-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
  ],
  templateUrl: './change-password-dialog.html',
  styleUrl: './change-password-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordDialog {
  private readonly api = inject(AuthApi);
  private readonly dialogRef = inject<MatDialogRef<ChangePasswordDialog, boolean>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', {
      nonNullable: true,
      validators: zodValidator(ChangePasswordSchema.shape.currentPassword),
    }),
    newPassword: new FormControl('', {
      nonNullable: true,
      validators: zodValidator(ChangePasswordSchema.shape.newPassword),
    }),
    confirmPassword: new FormControl('', { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const { confirmPassword, ...value } = this.form.getRawValue();
    const body = parseForm(this.form, ChangePasswordSchema, value);
    if (confirmPassword !== value.newPassword) {
      this.form.controls.confirmPassword.setErrors({ zod: { key: 'auth.password.mismatch' } });
      this.form.controls.confirmPassword.markAsTouched();
      return;
    }
    if (!body) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api
      .changePassword(body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.dialogRef.close(true),
        error: (error: unknown) => {
          this.busy.set(false);
          const response = toErrorResponse(error);
          // "Current password is wrong" comes back as a field error: show it under the field.
          if (!applyServerErrors(this.form, response.errors)) {
            this.error.set(response);
          }
        },
      });
  }
}
