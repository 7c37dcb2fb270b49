import { DOCUMENT } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { translocoTesting } from '../../testing/transloco-testing';
import { LANG_STORAGE_KEY } from '../core/i18n/language-preference';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Shell, translocoTesting()],
      providers: [provideRouter([])],
    });
    fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
  });

  const page = () => fixture.nativeElement as HTMLElement;
  const toggle = (lang: string) =>
    page().querySelector<HTMLButtonElement>(`[data-testid="language-${lang}"] button`) as HTMLButtonElement;

  it('shows the app name and the tagline in Vietnamese', () => {
    expect(page().querySelector('[data-testid="app-name"]')?.textContent?.trim()).toBe('e-Cabinet');
    expect(page().querySelector('mat-toolbar')?.textContent).toContain('Phòng họp không giấy');
    expect(page().querySelector('main router-outlet')).not.toBeNull();
  });

  it('offers both languages, each named in itself, Vietnamese selected', () => {
    const group = page().querySelector('[data-testid="language-switch"]');
    expect(group?.getAttribute('aria-label')).toBe('Ngôn ngữ');
    expect(toggle('vi').textContent?.trim()).toBe('Tiếng Việt');
    expect(toggle('en').textContent?.trim()).toBe('English');
    expect(page().querySelector('[data-testid="language-en"]')?.getAttribute('lang')).toBe('en');
    expect(toggle('vi').getAttribute('aria-checked')).toBe('true');
    expect(toggle('en').getAttribute('aria-checked')).toBe('false');
  });

  it('switches to English on tap: labels, <html lang> and the saved choice', async () => {
    toggle('en').click();
    await fixture.whenStable();

    expect(page().querySelector('mat-toolbar')?.textContent).toContain('Paperless meeting room');
    expect(page().querySelector('[data-testid="language-switch"]')?.getAttribute('aria-label')).toBe('Language');
    expect(toggle('en').getAttribute('aria-checked')).toBe('true');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
  });

  it('switches language from the keyboard with the arrow keys', async () => {
    toggle('vi').focus();
    toggle('vi').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', keyCode: 39, bubbles: true }));
    await fixture.whenStable();

    expect(document.activeElement).toBe(toggle('en'));
    expect(toggle('en').getAttribute('aria-checked')).toBe('true');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });
});
