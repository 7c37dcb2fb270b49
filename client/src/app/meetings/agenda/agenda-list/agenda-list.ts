import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDragPlaceholder, CdkDropList } from '@angular/cdk/drag-drop';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { AgendaItemResponse, ErrorResponse } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';

import { confirmAction } from '../../../core/confirm/confirm-dialog';
import { Icon } from '../../../core/icons/icon';
import { toErrorResponse } from '../../../core/http/api-error';
import { LanguagePreference } from '../../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../../core/i18n/server-message';
import { DocumentList } from '../../../documents/document-list/document-list';
import { MeetingPageStore } from '../../meeting-page/meeting-page-store';
import { AgendaItemDialog, AgendaItemDialogData } from '../agenda-item-dialog/agenda-item-dialog';

/**
 * The agenda in order, each item with its documents. Organisers reorder by dragging the handle, or with
 * the up/down buttons (keyboard and switch users); the new order is announced to screen readers.
 */
@Component({
  selector: 'ec-agenda-list',
  imports: [
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    CdkDragPlaceholder,
    MatButtonModule,
    TranslocoDirective,
    Icon,
    ServerMessagePipe,
    DocumentList,
  ],
  templateUrl: './agenda-list.html',
  styleUrl: './agenda-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgendaList {
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly store = inject(MeetingPageStore);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly error = signal<ErrorResponse | null>(null);

  protected drop(event: CdkDragDrop<AgendaItemResponse[]>): void {
    this.move(event.previousIndex, event.currentIndex);
  }

  protected move(from: number, to: number): void {
    const agenda = this.store.meeting()?.agenda ?? [];
    if (to < 0 || to >= agenda.length || from === to) {
      return;
    }
    const item = agenda[from];
    this.error.set(null);
    this.store
      .moveAgendaItem(from, to)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () =>
          void this.announcer.announce(
            this.transloco.translate('meetings.agenda.moved', { title: item.title, position: to + 1 }),
          ),
        error: (error: unknown) => this.error.set(toErrorResponse(error)),
      });
  }

  protected add(): void {
    this.openDialog({ store: this.store });
  }

  protected edit(item: AgendaItemResponse): void {
    this.openDialog({ store: this.store, item });
  }

  protected remove(item: AgendaItemResponse): void {
    this.error.set(null);
    confirmAction(this.dialog, {
      title: this.transloco.translate('meetings.agenda.deleteTitle'),
      message: this.transloco.translate('meetings.agenda.confirmDelete', { title: item.title }),
      confirm: this.transloco.translate('common.delete'),
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.store.deleteAgendaItem(item.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ error: (error: unknown) => this.error.set(toErrorResponse(error)) });
  }

  private openDialog(data: AgendaItemDialogData): void {
    this.dialog.open<AgendaItemDialog, AgendaItemDialogData>(AgendaItemDialog, { data, autoFocus: 'first-tabbable' });
  }
}
