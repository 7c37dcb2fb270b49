import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { parseMinutesMarkup } from '@app/shared';

/** The minutes as a page to read: the same markup reading as the PDF (headings, columns, bullets). */
@Component({
  selector: 'ec-minutes-view',
  templateUrl: './minutes-view.html',
  styleUrl: './minutes-view.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MinutesView {
  readonly body = input.required<string>();

  protected readonly lines = computed(() => parseMinutesMarkup(this.body()));
}
