import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

import { translocoTesting } from '../../../testing/transloco-testing';
import { LANG_STORAGE_KEY, LanguagePreference } from './language-preference';

describe('LanguagePreference', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [translocoTesting()] });
  });

  const html = () => TestBed.inject(DOCUMENT).documentElement;

  it('starts in Vietnamese when nothing is saved', async () => {
    const language = TestBed.inject(LanguagePreference);
    await firstValueFrom(language.restore());

    expect(language.active()).toBe('vi');
    expect(html().lang).toBe('vi');
  });

  it('restores the saved language', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    const language = TestBed.inject(LanguagePreference);
    await firstValueFrom(language.restore());

    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('en');
    expect(language.active()).toBe('en');
    expect(html().lang).toBe('en');
  });

  it('ignores a saved value that is not a supported language', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    const language = TestBed.inject(LanguagePreference);
    await firstValueFrom(language.restore());

    expect(language.active()).toBe('vi');
  });

  it('remembers a new choice and mirrors it on <html lang>', () => {
    const language = TestBed.inject(LanguagePreference);
    language.use('en');

    expect(language.active()).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(html().lang).toBe('en');
  });
});
