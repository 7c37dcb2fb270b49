import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslocoService } from '@jsverse/transloco';

/** The paginator's labels in the active language. */
@Injectable()
export class AuditPaginatorIntl extends MatPaginatorIntl {
  private readonly transloco = inject(TranslocoService);

  constructor() {
    super();
    this.transloco.langChanges$.pipe(takeUntilDestroyed()).subscribe(() => {
      this.itemsPerPageLabel = this.transloco.translate('audit.perPage');
      this.nextPageLabel = this.transloco.translate('audit.nextPage');
      this.previousPageLabel = this.transloco.translate('audit.previousPage');
      this.firstPageLabel = this.transloco.translate('audit.firstPage');
      this.lastPageLabel = this.transloco.translate('audit.lastPage');
      this.changes.next();
    });
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0) {
      return this.transloco.translate('audit.range', { from: 0, to: 0, total: 0 });
    }
    const from = page * pageSize + 1;
    const to = Math.min(length, (page + 1) * pageSize);
    return this.transloco.translate('audit.range', { from, to, total: length });
  };
}
