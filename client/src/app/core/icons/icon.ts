import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { ICON_PATHS, IconName } from './icon-paths';

/** A decorative 24px icon; the button or link around it carries the accessible name. */
@Component({
  selector: 'ec-icon',
  template: `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path [attr.d]="path()" /></svg>`,
  styles: `
    :host {
      display: inline-flex;
      width: 24px;
      height: 24px;
      flex: none;
      vertical-align: middle;
    }
    svg {
      width: 100%;
      height: 100%;
      fill: currentColor;
    }
  `,
  host: { 'aria-hidden': 'true', '[attr.data-icon]': 'name()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Icon {
  readonly name = input.required<IconName>();

  protected readonly path = computed(() => ICON_PATHS[this.name()]);
}
