import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { ErrorResponse, MeetingRole, MeetingRoleSchema, ParticipantResponse, UserSummaryResponse } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { catchError, debounceTime, distinctUntilChanged, filter, of, startWith, switchMap } from 'rxjs';

import { confirmAction } from '../../../core/confirm/confirm-dialog';
import { Icon } from '../../../core/icons/icon';
import { toErrorResponse } from '../../../core/http/api-error';
import { LanguagePreference } from '../../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../../core/i18n/server-message';
import { PeopleApi } from '../../../people/people-api';
import { MeetingPageStore } from '../../meeting-page/meeting-page-store';

/** Who takes part and in which role. Organisers add people by name (diacritics optional), change roles, remove. */
@Component({
  selector: 'ec-participants-panel',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoDirective,
    Icon,
    ServerMessagePipe,
  ],
  templateUrl: './participants-panel.html',
  styleUrl: './participants-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParticipantsPanel {
  private readonly people = inject(PeopleApi);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly store = inject(MeetingPageStore);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly roles = MeetingRoleSchema.options;
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly busy = signal(false);
  protected readonly search = new FormControl<string | UserSummaryResponse>('', { nonNullable: true });
  protected readonly participants = computed(() => this.store.meeting()?.participants ?? []);
  private readonly participantUserIds = computed(() => new Set(this.participants().map((p) => p.userId)));

  /** Matching accounts not yet in the meeting. */
  private readonly matches = toSignal(
    this.search.valueChanges.pipe(
      startWith(''),
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((text) =>
        text.trim().length < 1
          ? of<UserSummaryResponse[]>([])
          : this.people.users({ search: text.trim() }).pipe(catchError(() => of<UserSummaryResponse[]>([]))),
      ),
    ),
    { initialValue: [] },
  );
  protected readonly candidates = computed(() =>
    this.matches().filter((user) => !this.participantUserIds().has(user.id)),
  );

  protected displayUser(user: UserSummaryResponse | string | null): string {
    return typeof user === 'string' || !user ? (user ?? '') : user.displayName;
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const user = event.option.value as UserSummaryResponse;
    this.run(this.store.addParticipant({ userId: user.id }), () => this.search.setValue(''));
  }

  protected changeRole(participant: ParticipantResponse, change: MatSelectChange): void {
    this.run(this.store.updateParticipant(participant.id, { meetingRole: change.value as MeetingRole }));
  }

  protected remove(participant: ParticipantResponse): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('meetings.participants.removeTitle'),
      message: this.transloco.translate('meetings.participants.confirmRemove', { name: participant.displayName }),
      confirm: this.transloco.translate('meetings.participants.remove'),
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.run(this.store.removeParticipant(participant.id)));
  }

  private run(call: ReturnType<MeetingPageStore['addParticipant']>, done?: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        done?.();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(toErrorResponse(error));
      },
    });
  }
}
