import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoService } from '@jsverse/transloco';

import { translocoTesting } from '../../../testing/transloco-testing';
import { I18nTitleStrategy } from './i18n-title-strategy';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('I18nTitleStrategy', () => {
  it('titles the page from the route key in the active language', async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([
          { path: 'meetings', component: Blank, title: 'meetings.title' },
          { path: 'untitled', component: Blank },
        ]),
        { provide: TitleStrategy, useExisting: I18nTitleStrategy },
      ],
    });
    const title = TestBed.inject(Title);
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/meetings');
    expect(title.getTitle()).toBe('Cuộc họp · e-Cabinet');

    TestBed.inject(TranslocoService).setActiveLang('en');
    expect(title.getTitle()).toBe('Meetings · e-Cabinet');

    await harness.navigateByUrl('/untitled');
    expect(title.getTitle()).toBe('e-Cabinet');
  });
});
