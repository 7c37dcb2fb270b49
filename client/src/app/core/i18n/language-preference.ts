import { DOCUMENT, inject, Injectable, Signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { catchError, map, Observable, of } from 'rxjs';

import { DEFAULT_LANG, isLang, Lang } from './languages';

export const LANG_STORAGE_KEY = 'ec.lang';

/**
 * The user's language: applied to Transloco, remembered in localStorage and mirrored on `<html lang>`
 * (screen readers and hyphenation depend on it).
 */
@Injectable({ providedIn: 'root' })
export class LanguagePreference {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);

  readonly active: Signal<Lang> = toSignal(this.transloco.langChanges$.pipe(map(toLang)), {
    initialValue: toLang(this.transloco.getActiveLang()),
  });

  constructor() {
    this.transloco.langChanges$
      .pipe(takeUntilDestroyed())
      .subscribe((lang) => this.document.documentElement.setAttribute('lang', lang));
  }

  /** Applies the saved language (or Vietnamese); completes once its translations are loaded or have failed. */
  restore(): Observable<unknown> {
    const lang = this.saved() ?? DEFAULT_LANG;
    this.transloco.setActiveLang(lang);
    return this.transloco.load(lang).pipe(catchError(() => of(null)));
  }

  use(lang: Lang): void {
    this.transloco.setActiveLang(lang);
    try {
      this.storage()?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage full or disabled: the choice still holds for this visit.
    }
  }

  private saved(): Lang | null {
    try {
      const value = this.storage()?.getItem(LANG_STORAGE_KEY);
      return isLang(value) ? value : null;
    } catch {
      return null;
    }
  }

  private storage(): Storage | null {
    return this.document.defaultView?.localStorage ?? null;
  }
}

function toLang(lang: string): Lang {
  return isLang(lang) ? lang : DEFAULT_LANG;
}
