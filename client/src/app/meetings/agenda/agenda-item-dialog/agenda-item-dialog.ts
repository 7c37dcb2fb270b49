import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AgendaItemResponse, CreateAgendaItemSchema, ErrorResponse, UpdateAgendaItemSchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { Observable } from 'rxjs';

import { applyServerErrors, FieldErrorPipe, parseForm, zodValidator } from '../../../core/forms/zod-forms';
import { toErrorResponse } from '../../../core/http/api-error';
import { LanguagePreference } from '../../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../../core/i18n/server-message';
import { MeetingPageStore } from '../../meeting-page/meeting-page-store';

export interface AgendaItemDialogData {
  store: MeetingPageStore;
  /** Absent: a new item, appended at the end. */
  item?: AgendaItemResponse;
}

/** Adds or changes one agenda item; saves through the page store and closes once the server agreed. */
@Component({
  selector: 'ec-agenda-item-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
  ],
  templateUrl: './agenda-item-dialog.html',
  styleUrl: './agenda-item-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgendaItemDialog {
  private readonly dialogRef = inject<MatDialogRef<AgendaItemDialog, AgendaItemResponse>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly data = inject<AgendaItemDialogData>(MAT_DIALOG_DATA);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly form = new FormGroup({
    title: new FormControl(this.data.item?.title ?? '', {
      nonNullable: true,
      validators: zodValidator(CreateAgendaItemSchema.shape.title),
    }),
    presenter: new FormControl(this.data.item?.presenter ?? '', { nonNullable: true }),
    plannedMinutes: new FormControl<number | null>(this.data.item?.plannedMinutes ?? 15, {
      validators: zodValidator(CreateAgendaItemSchema.shape.plannedMinutes.unwrap()),
    }),
    description: new FormControl(this.data.item?.description ?? '', { nonNullable: true }),
  });

  protected save(): void {
    if (this.busy()) {
      return;
    }
    const value = this.form.getRawValue();
    const request = {
      title: value.title,
      presenter: value.presenter.trim() || null,
      plannedMinutes: value.plannedMinutes ?? undefined,
      description: value.description.trim() || null,
    };
    const call = this.saveCall(request);
    if (!call) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (error: unknown) => {
        this.busy.set(false);
        const response = toErrorResponse(error);
        if (!applyServerErrors(this.form, response.errors)) {
          this.error.set(response);
        }
      },
    });
  }

  /** The store call for this form, or null when the form does not pass the shared schema. */
  private saveCall(request: object): Observable<AgendaItemResponse> | null {
    const item = this.data.item;
    if (item) {
      const body = parseForm(this.form, UpdateAgendaItemSchema, request);
      return body ? this.data.store.updateAgendaItem(item.id, body) : null;
    }
    const body = parseForm(this.form, CreateAgendaItemSchema, request);
    return body ? this.data.store.addAgendaItem(body) : null;
  }
}
