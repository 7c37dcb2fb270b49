import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { from, switchMap } from 'rxjs';

import { AuthStore } from '../../core/auth/auth-store';
import { Icon } from '../../core/icons/icon';

/** The logged-in account: name and unit, change password, log out. */
@Component({
  selector: 'ec-user-menu',
  imports: [MatButtonModule, MatMenuModule, TranslocoDirective, Icon],
  templateUrl: './user-menu.html',
  styleUrl: './user-menu.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserMenu {
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly user = this.auth.user;

  protected changePassword(): void {
    // Loaded on demand: the form modules stay out of the first download.
    from(import('../../auth/change-password/change-password-dialog'))
      .pipe(
        switchMap(({ ChangePasswordDialog }) =>
          this.dialog
            .open<InstanceType<typeof ChangePasswordDialog>, void, boolean>(ChangePasswordDialog, {
              autoFocus: 'first-tabbable',
            })
            .afterClosed(),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((changed) => {
        if (changed) {
          this.snackBar.open(this.transloco.translate('auth.password.changed'), undefined, { duration: 5000 });
        }
      });
  }

  protected logout(): void {
    this.auth
      .logout()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ complete: () => void this.router.navigate(['/login']) });
  }
}
