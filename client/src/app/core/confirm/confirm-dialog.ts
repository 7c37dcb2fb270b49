import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { TranslocoDirective } from '@jsverse/transloco';
import { map, Observable } from 'rxjs';

export interface ConfirmDialogData {
  title: string;
  message: string;
  /** Text of the confirming button, e.g. "Xóa". */
  confirm: string;
}

/** "Are you sure?" for destructive actions; a Material dialog, not `window.confirm`, so it reads well on tablets. */
@Component({
  selector: 'ec-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoDirective],
  template: `
    <ng-container *transloco="let t">
      <h2 mat-dialog-title>{{ data.title }}</h2>
      <mat-dialog-content>
        <p>{{ data.message }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="action" [mat-dialog-close]="false" data-testid="confirm-no">
          {{ t('common.cancel') }}
        </button>
        <button mat-flat-button type="button" class="action" [mat-dialog-close]="true" data-testid="confirm-yes">
          {{ data.confirm }}
        </button>
      </mat-dialog-actions>
    </ng-container>
  `,
  styles: `
    .action {
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the dialog; emits true once if the user confirmed, false otherwise. */
export function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, role: 'alertdialog' })
    .afterClosed()
    .pipe(map((answer) => answer === true));
}
