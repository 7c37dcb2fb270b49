import { ModuleWithProviders } from '@angular/core';
import { TranslocoTestingModule, TranslocoTestingOptions } from '@jsverse/transloco';

import en from '../../public/i18n/en.json';
import vi from '../../public/i18n/vi.json';
import { DEFAULT_LANG, LANGS } from '../app/core/i18n/languages';

export const translations = { vi, en };

/** Transloco with the real translation files, preloaded, Vietnamese active: what users see first. */
export function translocoTesting(options: TranslocoTestingOptions = {}): ModuleWithProviders<TranslocoTestingModule> {
  return TranslocoTestingModule.forRoot({
    langs: translations,
    translocoConfig: {
      availableLangs: [...LANGS],
      defaultLang: DEFAULT_LANG,
      reRenderOnLangChange: true,
      missingHandler: { logMissingKey: false },
    },
    preloadLangs: true,
    ...options,
  });
}
