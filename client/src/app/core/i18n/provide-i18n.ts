import { EnvironmentProviders, inject, isDevMode, provideAppInitializer, Provider } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';

import { I18nTitleStrategy } from './i18n-title-strategy';
import { LanguagePreference } from './language-preference';
import { DEFAULT_LANG, LANGS } from './languages';
import { TranslocoHttpLoader } from './transloco-http-loader';

/** Transloco over HTTP, the saved language applied before first render, translated page titles. */
export function provideI18n(): (Provider | EnvironmentProviders)[] {
  return [
    provideTransloco({
      config: {
        availableLangs: [...LANGS],
        defaultLang: DEFAULT_LANG,
        fallbackLang: DEFAULT_LANG,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
      },
      loader: TranslocoHttpLoader,
    }),
    provideAppInitializer(() => inject(LanguagePreference).restore()),
    { provide: TitleStrategy, useExisting: I18nTitleStrategy },
  ];
}
