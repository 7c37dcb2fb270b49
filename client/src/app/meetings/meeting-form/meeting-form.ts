import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  CreateMeetingSchema,
  ErrorResponse,
  MeetingDetailResponse,
  MeetingMode,
  MeetingModeSchema,
  OrganisationUnitDetailResponse,
  UpdateMeetingSchema,
} from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import * as z from 'zod';

import {
  applyServerErrors,
  FieldErrorPipe,
  parseForm,
  ParseFormOptions,
  zodValidator,
} from '../../core/forms/zod-forms';
import { toErrorResponse } from '../../core/http/api-error';
import { fromLocalParts, toLocalParts } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { PeopleApi } from '../../people/people-api';
import { MeetingsApi } from '../meetings-api';

/** Where the request's problems show: an empty date makes both instants invalid, so it shows on the date. */
function formOptions(hasDate: boolean): ParseFormOptions {
  return {
    controls: hasDate ? { startsAt: 'startTime', endsAt: 'endTime' } : { startsAt: 'date', endsAt: 'date' },
    refineKeys: { endsAt: 'meetings.form.endBeforeStart' },
  };
}

/**
 * Create a meeting (`/meetings/new`) or change one (`/meetings/:meetingId/edit`). Times are entered in
 * Hà Nội time; the request is checked with the shared zod schema before it is sent.
 */
@Component({
  selector: 'ec-meeting-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoDirective,
    FieldErrorPipe,
    ServerMessagePipe,
  ],
  templateUrl: './meeting-form.html',
  styleUrl: './meeting-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingForm implements OnInit {
  private readonly api = inject(MeetingsApi);
  private readonly people = inject(PeopleApi);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** Route param: absent when creating. */
  readonly meetingId = input<string>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly modes = MeetingModeSchema.options;
  protected readonly units = signal<OrganisationUnitDetailResponse[]>([]);
  protected readonly busy = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: zodValidator(CreateMeetingSchema.shape.title) }),
    date: new FormControl('', { nonNullable: true, validators: zodValidator(z.string().min(1)) }),
    startTime: new FormControl('08:00', { nonNullable: true, validators: zodValidator(z.string().min(1)) }),
    endTime: new FormControl('11:00', { nonNullable: true, validators: zodValidator(z.string().min(1)) }),
    place: new FormControl('', { nonNullable: true, validators: zodValidator(CreateMeetingSchema.shape.place) }),
    mode: new FormControl<MeetingMode>('in_person', { nonNullable: true }),
    organiserUnitId: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    this.people
      .units()
      .pipe(takeUntilDestroyed(this.destroyRef))
      // Without the list the organiser defaults to the caller's own unit: nothing to show.
      .subscribe({ next: (units) => this.units.set(units), error: () => this.units.set([]) });
    const meetingId = this.meetingId();
    if (meetingId) {
      this.loading.set(true);
      this.api
        .get(meetingId)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (meeting) => {
            this.fill(meeting);
            this.loading.set(false);
          },
          error: (error: unknown) => {
            this.error.set(toErrorResponse(error));
            this.loading.set(false);
          },
        });
    }
  }

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const value = this.form.getRawValue();
    const request = {
      title: value.title,
      startsAt: fromLocalParts(value.date, value.startTime),
      endsAt: fromLocalParts(value.date, value.endTime),
      place: value.place,
      mode: value.mode,
      ...(value.organiserUnitId ? { organiserUnitId: value.organiserUnitId } : {}),
    };
    const meetingId = this.meetingId();
    if (meetingId) {
      const body = parseForm(this.form, UpdateMeetingSchema, request, formOptions(!!value.date));
      if (body) {
        this.send(this.api.update(meetingId, body));
      }
    } else {
      const body = parseForm(this.form, CreateMeetingSchema, request, formOptions(!!value.date));
      if (body) {
        this.send(this.api.create(body));
      }
    }
  }

  private send(call: ReturnType<MeetingsApi['create']>): void {
    this.busy.set(true);
    this.error.set(null);
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (meeting) => void this.router.navigate(['/meetings', meeting.id]),
      error: (error: unknown) => {
        this.busy.set(false);
        const response = toErrorResponse(error);
        applyServerErrors(this.form, response.errors);
        this.error.set(response);
      },
    });
  }

  private fill(meeting: MeetingDetailResponse): void {
    const start = toLocalParts(meeting.startsAt);
    const end = toLocalParts(meeting.endsAt);
    this.form.setValue({
      title: meeting.title,
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      place: meeting.place,
      mode: meeting.mode,
      organiserUnitId: meeting.organiser.id,
    });
  }
}
