import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { MEETING_ID } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { MeetingSearch, splitSnippet } from './meeting-search';

describe('MeetingSearch', () => {
  let fixture: ComponentFixture<MeetingSearch>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MeetingSearch, translocoTesting()],
      providers: [provideAppHttpTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MeetingSearch);
    fixture.componentRef.setInput('meetingId', MEETING_ID);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const one = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  async function search(text: string): Promise<void> {
    const input = one('meeting-search-input') as HTMLInputElement;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    const form = el().querySelector('form') as HTMLFormElement;
    const submit = new Event('submit', { cancelable: true });
    form.dispatchEvent(submit);
    // The page must not navigate: Angular's form directive cancels the browser's submit.
    expect(submit.defaultPrevented).toBe(true);
    await fixture.whenStable();
  }

  it('searches without diacritics and links each hit to its page in the reader, the word marked', async () => {
    await search('ngan sach');
    const request = http.expectOne((req) => req.url === `/api/meetings/${MEETING_ID}/search`);
    expect(request.request.params.get('q')).toBe('ngan sach');
    request.flush([
      {
        documentId: 'doc-1',
        title: 'Báo cáo dự toán',
        version: 2,
        page: 3,
        snippet: '… tổng thu ngân sách xã tăng …',
        matchStart: 11,
        matchLength: 9,
        matches: 2,
      },
    ]);
    await fixture.whenStable();

    expect(one('meeting-search-count')?.textContent?.trim()).toBe('1 kết quả cho “ngan sach”');
    const hit = one('search-hit') as HTMLAnchorElement;
    expect(hit.getAttribute('href')).toBe(`/meetings/${MEETING_ID}/documents/doc-1?page=3&version=2&q=ngan%20sach`);
    expect(hit.textContent).toContain('Báo cáo dự toán · trang 3');
    expect(hit.querySelector('mark')?.textContent).toBe('ngân sách');
  });

  it('asks for at least two letters before searching', async () => {
    await search('n');
    http.expectNone((req) => req.url.endsWith('/search'));
    expect(el().querySelector('mat-error')?.textContent?.trim()).toBe('Nhập ít nhất 2 ký tự');
  });

  it('says when nothing matches', async () => {
    await search('khong co');
    http.expectOne((req) => req.url.endsWith('/search')).flush([]);
    await fixture.whenStable();
    expect(one('meeting-search-count')?.textContent?.trim()).toBe('0 kết quả cho “khong co”');
    expect(one('search-hit')).toBeNull();
  });

  it('cuts a snippet safely around the match, whatever the offsets', () => {
    const hit = { snippet: 'abcdef', matchStart: 2, matchLength: 10 } as never;
    expect(splitSnippet(hit)).toEqual({ before: 'ab', match: 'cdef', after: '' });
  });
});
