import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, from } from 'rxjs';

import { TranslocoHttpLoader } from './transloco-http-loader';

describe('TranslocoHttpLoader', () => {
  it('loads i18n/<lang>.json relative to the base href', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);

    const loaded = firstValueFrom(from(TestBed.inject(TranslocoHttpLoader).getTranslation('vi')));
    http.expectOne({ method: 'GET', url: 'i18n/vi.json' }).flush({ meetings: { title: 'Cuộc họp' } });

    await expect(loaded).resolves.toEqual({ meetings: { title: 'Cuộc họp' } });
    http.verify();
  });
});
