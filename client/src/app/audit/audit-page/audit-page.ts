import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  AuditAction,
  AuditActionSchema,
  AuditEntryResponse,
  ErrorResponse,
  ListAuditQuery,
  ListAuditQuerySchema,
  UserSummaryResponse,
} from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';
import { catchError, debounceTime, distinctUntilChanged, filter, of, startWith, Subject, switchMap, tap } from 'rxjs';

import { toErrorResponse } from '../../core/http/api-error';
import { formatInstant } from '../../core/i18n/date-time';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { PeopleApi } from '../../people/people-api';
import { AuditApi } from '../audit-api';
import { AuditPaginatorIntl } from './audit-paginator-intl';

export const AUDIT_PAGE_SIZES = [25, 50, 100];

/** The audit log for admins: who did what, when, from where; filtered by action, user and dates. */
@Component({
  selector: 'ec-audit-page',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoDirective,
    ServerMessagePipe,
  ],
  providers: [{ provide: MatPaginatorIntl, useClass: AuditPaginatorIntl }],
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly people = inject(PeopleApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly loads = new Subject<Partial<ListAuditQuery>>();

  protected readonly lang = inject(LanguagePreference).active;
  protected readonly actions = AuditActionSchema.options;
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly columns = ['at', 'action', 'actor', 'subject', 'ip', 'details'];
  protected readonly filters = new FormGroup({
    action: new FormControl<AuditAction | ''>('', { nonNullable: true }),
    user: new FormControl<UserSummaryResponse | string>('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly page = signal({ index: 0, size: AUDIT_PAGE_SIZES[1] });
  protected readonly result = signal<{ total: number; entries: AuditEntryResponse[] }>({ total: 0, entries: [] });
  protected readonly loading = signal(false);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly rangeInvalid = signal(false);

  protected readonly users = toSignal(
    this.filters.controls.user.valueChanges.pipe(
      startWith(''),
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((text) =>
        text.trim() ? this.people.users({ search: text.trim() }).pipe(catchError(() => of([]))) : of([]),
      ),
    ),
    { initialValue: [] as UserSummaryResponse[] },
  );
  protected readonly empty = computed(() => !this.loading() && !this.error() && this.result().entries.length === 0);

  constructor() {
    this.loads
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((query) =>
          this.api.list(query).pipe(
            catchError((error: unknown) => {
              this.error.set(toErrorResponse(error));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((result) => {
        this.loading.set(false);
        if (result) {
          this.result.set(result);
        }
      });
    this.load();
  }

  protected displayUser(user: UserSummaryResponse | string | null): string {
    return typeof user === 'string' || !user ? (user ?? '') : `${user.displayName} (${user.username})`;
  }

  protected applyFilters(): void {
    this.page.update((page) => ({ ...page, index: 0 }));
    this.load();
  }

  protected resetFilters(): void {
    this.filters.reset();
    this.applyFilters();
  }

  protected changePage(event: PageEvent): void {
    this.page.set({ index: event.pageIndex, size: event.pageSize });
    this.load();
  }

  protected time(at: string): string {
    return formatInstant(at, this.lang());
  }

  protected details(entry: AuditEntryResponse): string {
    return entry.details ? JSON.stringify(entry.details) : '';
  }

  private load(): void {
    const { action, user, from, to } = this.filters.getRawValue();
    const { index, size } = this.page();
    const query = {
      action: action || undefined,
      actorId: typeof user === 'object' && user ? user.id : undefined,
      // Whole days in Hà Nội time: from the start of `from` to the end of `to`.
      from: from ? `${from}T00:00:00+07:00` : undefined,
      to: to ? `${to}T23:59:59+07:00` : undefined,
      limit: size,
      offset: index * size,
    };
    const parsed = ListAuditQuerySchema.safeParse(query);
    this.rangeInvalid.set(!!from && !!to && from > to);
    if (!parsed.success || this.rangeInvalid()) {
      return;
    }
    this.loads.next(parsed.data);
  }
}
