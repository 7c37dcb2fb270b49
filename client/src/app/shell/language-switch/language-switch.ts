import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleChange, MatButtonToggleModule } from '@angular/material/button-toggle';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguagePreference } from '../../core/i18n/language-preference';
import { isLang, LANGS } from '../../core/i18n/languages';

/** Tiếng Việt | English. A single-choice toggle group: arrow keys move between languages, 48px targets. */
@Component({
  selector: 'ec-language-switch',
  imports: [MatButtonToggleModule, TranslocoDirective],
  templateUrl: './language-switch.html',
  styleUrl: './language-switch.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitch {
  private readonly language = inject(LanguagePreference);

  protected readonly langs = LANGS;
  protected readonly active = this.language.active;

  protected switchLanguage(change: MatButtonToggleChange): void {
    if (isLang(change.value)) {
      this.language.use(change.value);
    }
  }
}
