import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output } from '@angular/core';
import { TranslocoDirective } from '@jsverse/transloco';

import { DocumentsApi } from '../documents-api';

/** The strip of page thumbnails (the server's PNGs, loaded as they scroll into view); the current page is marked. */
@Component({
  selector: 'ec-page-thumbnails',
  imports: [TranslocoDirective],
  templateUrl: './page-thumbnails.html',
  styleUrl: './page-thumbnails.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageThumbnails {
  private readonly api = inject(DocumentsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly meetingId = input.required<string>();
  readonly documentId = input.required<string>();
  readonly version = input.required<number>();
  readonly pageCount = input.required<number>();
  readonly currentPage = input(1);

  readonly selectPage = output<number>();

  protected readonly pages = computed(() => Array.from({ length: this.pageCount() }, (_, i) => i + 1));

  constructor() {
    // Keep the current page's thumbnail in sight as the reader turns pages.
    effect(() => {
      const page = this.currentPage();
      this.host.nativeElement
        .querySelector(`[data-page="${page}"]`)
        ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    });
  }

  protected src(page: number): string {
    return this.api.thumbnailUrl(this.meetingId(), this.documentId(), this.version(), page);
  }
}
