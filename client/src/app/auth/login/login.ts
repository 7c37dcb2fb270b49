import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { ErrorCode, ErrorResponse, LoginSchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { map } from 'rxjs';

import { safeReturnUrl } from '../../core/auth/auth-guards';
import { AuthStore } from '../../core/auth/auth-store';
import { FieldErrorPipe, parseForm, zodValidator } from '../../core/forms/zod-forms';
import { toErrorResponse } from '../../core/http/api-error';
import { Icon } from '../../core/icons/icon';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';

/** Username + password. Shows the server's own reason (wrong password, too many attempts) in the active language. */
@Component({
  selector: 'ec-login',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
    Icon,
  ],
  templateUrl: './login.html',
  styleUrl: './login.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: zodValidator(LoginSchema.shape.username) }),
    password: new FormControl('', { nonNullable: true, validators: zodValidator(LoginSchema.shape.password) }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly rateLimited = computed(() => this.error()?.code === ErrorCode.RateLimited);
  protected readonly passwordVisible = signal(false);
  protected readonly sessionExpired = toSignal(
    this.route.queryParamMap.pipe(map((params) => params.get('expired') === '1')),
    { initialValue: false },
  );

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const body = parseForm(this.form, LoginSchema, this.form.getRawValue());
    if (!body) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.auth
      .login(body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busy.set(false);
          void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(toErrorResponse(error));
          this.form.controls.password.reset('');
        },
      });
  }

  protected togglePasswordVisible(): void {
    this.passwordVisible.update((visible) => !visible);
  }
}
