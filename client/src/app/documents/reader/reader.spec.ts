import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  AnnotationResponse,
  LiveUpdate,
  MeetingDetailResponse,
  PresenterPosition,
  encodeLiveSnapshot,
} from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { documentDetailStub, MEETING_ID, meetingDetailStub } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { PRESENTER_MOVE_THROTTLE_MS } from '../../live/follow-presenter';
import { LIVE_SOCKET_FACTORY } from '../../live/live-session-client';
import { FakeLiveSocket } from '../../live/testing/fake-live-socket';
import { liveSnapshotStub, UIDS } from '../../live/testing/live-snapshot.stub';
import { FindResult, PageSelection, PdfView, PdfViewer } from '../pdf-viewer/pdf-viewer';
import { Reader } from './reader';

/** Stands in for pdf.js (which needs a real browser): same inputs, outputs and methods. */
@Component({
  selector: 'ec-pdf-viewer',
  template: '<div data-testid="fake-pdf" [attr.data-url]="url()"></div>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class FakePdfViewer {
  readonly url = input.required<string>();
  readonly openHint = input<unknown>(null);
  readonly initialPage = input(1);
  readonly annotations = input<AnnotationResponse[]>([]);
  readonly noteMode = input(false);
  readonly label = input('');
  readonly loaded = output<{ pageCount: number }>();
  readonly rendered = output<number>();
  readonly failed = output<unknown>();
  readonly pageChange = output<number>();
  readonly scaleChange = output<number>();
  readonly findResult = output<FindResult>();
  readonly pageTap = output<{ page: number; x: number; y: number }>();
  readonly annotationActivated = output<string>();
  readonly scrolled = output<void>();

  readonly calls: string[] = [];
  currentView: PdfView = { scale: null, scrollTop: 0, scrollLeft: 0 };
  nextSelection: PageSelection[] = [];
  goToPage(page: number): void {
    this.calls.push(`goTo:${page}`);
    this.pageChange.emit(page);
  }
  nextPage(): void {
    this.calls.push('next');
  }
  previousPage(): void {
    this.calls.push('previous');
  }
  zoomIn(): void {
    this.calls.push('zoomIn');
  }
  zoomOut(): void {
    this.calls.push('zoomOut');
  }
  fitWidth(): void {
    this.calls.push('fitWidth');
  }
  find(query: string, options: { again?: boolean; previous?: boolean } = {}): void {
    this.calls.push(`find:${query}:${options.again ? 'again' : 'new'}${options.previous ? ':previous' : ''}`);
  }
  selection(): PageSelection[] {
    return this.nextSelection;
  }
  clearSelection(): void {
    this.nextSelection = [];
  }
  view(): PdfView {
    return this.currentView;
  }
  setView(view: PdfView): void {
    this.calls.push(`view:${view.scale}:${view.scrollTop}:${view.scrollLeft}`);
    this.currentView = view;
  }
}

const DOC = 'doc-1';
const BASE = `/api/meetings/${MEETING_ID}/documents/${DOC}`;

function annotation(overrides: Partial<AnnotationResponse>): AnnotationResponse {
  return {
    id: 'a-1',
    documentId: DOC,
    kind: 'note',
    version: 1,
    page: 1,
    text: 'Ghi chú',
    rects: [{ x: 0.1, y: 0.1, w: 0.03, h: 0.03 }],
    color: '#ffd54f',
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: '2026-11-23T01:00:00Z',
    ...overrides,
  };
}

describe('Reader', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let socket: FakeLiveSocket;

  async function open(
    query = '',
    detail = documentDetailStub(),
    annotations: AnnotationResponse[] = [],
    meeting: MeetingDetailResponse = meetingDetailStub(),
  ) {
    // A landscape tablet: the thumbnails strip shows from the start.
    Object.defineProperty(window, 'innerWidth', { value: 1280, configurable: true });
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter(
          [{ path: 'meetings/:meetingId/documents/:documentId', component: Reader }],
          withComponentInputBinding(),
        ),
        { provide: LIVE_SOCKET_FACTORY, useValue: () => (socket = new FakeLiveSocket()) },
        { provide: PRESENTER_MOVE_THROTTLE_MS, useValue: 30 },
      ],
    });
    TestBed.overrideComponent(Reader, { remove: { imports: [PdfViewer] }, add: { imports: [FakePdfViewer] } });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${MEETING_ID}/documents/${DOC}${query}`);
    http.expectOne(BASE).flush(detail);
    http.expectOne(`${BASE}/annotations`).flush(annotations);
    // The reader joins the live session only when the meeting is live.
    http.expectOne(`/api/meetings/${MEETING_ID}`).flush(meeting);
    await harness.fixture.whenStable();
  }

  beforeEach(() => (socket = undefined as unknown as FakeLiveSocket));

  afterEach(() => {
    http.verify();
    document.body.classList.remove('ec-confidential');
  });

  const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string) => all(id)[0];
  const viewer = () =>
    harness.fixture.debugElement.query(By.directive(FakePdfViewer)).componentInstance as FakePdfViewer;
  const stable = () => harness.fixture.whenStable();

  it('opens the current version at the asked page, marks the search words, and shows the page count', async () => {
    await open('?page=3&q=ngan%20sach');
    expect(one('reader-title').textContent?.trim()).toBe('Tờ trình dự toán ngân sách');
    expect(one('fake-pdf').getAttribute('data-url')).toBe(`${BASE}/file?version=1`);
    expect(
      (
        harness.fixture.debugElement.query(By.directive(FakePdfViewer)).componentInstance as FakePdfViewer
      ).initialPage(),
    ).toBe(3);

    viewer().loaded.emit({ pageCount: 12 });
    viewer().pageChange.emit(3);
    await stable();
    // Thumbnails wait for the first painted page, so they never queue before it on a weak link.
    expect(all('reader-thumbnail')).toHaveLength(0);
    viewer().rendered.emit(3);
    await stable();
    expect(viewer().calls).toContain('find:ngan sach:new');
    expect(one('reader-page-count').textContent?.trim()).toBe('/ 12');
    expect((one('reader-page-input') as HTMLInputElement).value).toBe('3');
    expect(all('reader-loading')).toHaveLength(0);
    expect(all('reader-thumbnail')).toHaveLength(12);
    expect(all('reader-thumbnail')[2].getAttribute('aria-current')).toBe('page');
    expect(all('reader-thumbnail')[0].querySelector('img')?.getAttribute('src')).toBe(
      `${BASE}/versions/1/pages/1/thumbnail`,
    );
  });

  it('turns pages, zooms and finds with the toolbar, the thumbnails and the keyboard', async () => {
    await open();
    viewer().loaded.emit({ pageCount: 12 });
    viewer().rendered.emit(1);
    viewer().scaleChange.emit(1.5);
    await stable();
    expect(one('reader-zoom').textContent?.trim()).toBe('150%');
    one('reader-next').click();
    one('reader-zoom-in').click();
    one('reader-zoom-out').click();
    one('reader-fit-width').click();
    all('reader-thumbnail')[4].click();
    one('reader').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    one('reader').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    const findInput = one('reader-find-input') as HTMLInputElement;
    findInput.value = 'dau tu';
    findInput.dispatchEvent(new Event('input'));
    await stable();
    findInput.closest('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    viewer().findResult.emit({ query: 'dau tu', current: 1, total: 4, state: 'found' });
    await stable();
    expect(one('reader-find-count').textContent?.trim()).toBe('1/4');
    one('reader-find-next').click();
    one('reader-find-previous').click();
    expect(viewer().calls).toEqual([
      'next',
      'zoomIn',
      'zoomOut',
      'fitWidth',
      'goTo:5',
      'next',
      'previous',
      'find:dau tu:new',
      'find:dau tu:again',
      'find:dau tu:again:previous',
    ]);
  });

  it('saves a highlight of the selected text, normalised per page', async () => {
    await open();
    viewer().loaded.emit({ pageCount: 2 });
    viewer().nextSelection = [{ page: 2, rects: [{ x: 0.1, y: 0.2, w: 0.5, h: 0.02 }] }];
    one('reader-highlight').click();
    const request = http.expectOne(`${BASE}/annotations`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      kind: 'highlight',
      version: 1,
      page: 2,
      rects: [{ x: 0.1, y: 0.2, w: 0.5, h: 0.02 }],
      color: '#ffd54f',
    });
    request.flush(annotation({ id: 'h-1', kind: 'highlight', page: 2, text: null, rects: request.request.body.rects }));
    await stable();
    expect(
      viewer()
        .annotations()
        .map((a) => a.id),
    ).toEqual(['h-1']);
    expect(document.body.textContent).toContain('Đã đánh dấu.');
  });

  it('asks to select text first when nothing is selected', async () => {
    await open();
    one('reader-highlight').click();
    await stable();
    http.expectNone(`${BASE}/annotations`);
    expect(document.body.textContent).toContain('Hãy chọn đoạn văn bản cần đánh dấu trước.');
  });

  it('adds a note where the page is tapped in note mode', async () => {
    await open();
    one('reader-note-mode').click();
    await stable();
    expect(one('reader-note-mode').getAttribute('aria-pressed')).toBe('true');
    expect(viewer().noteMode()).toBe(true);
    expect(one('reader-note-hint').textContent?.trim()).toBe('Chạm vào trang để đặt ghi chú');

    viewer().pageTap.emit({ page: 1, x: 0.5, y: 0.25 });
    await stable();
    const text = one('note-text') as HTMLTextAreaElement;
    text.value = '  Cần làm rõ số liệu  ';
    text.dispatchEvent(new Event('input'));
    one('note-save').click();
    let posted: ReturnType<HttpTestingController['match']> = [];
    await waitFor(() => (posted = http.match(`${BASE}/annotations`)).length > 0);
    expect(posted[0].request.body).toEqual({
      kind: 'note',
      version: 1,
      page: 1,
      rects: [{ x: 0.5, y: 0.25, w: 0.03, h: 0.03 }],
      color: '#ffd54f',
      text: 'Cần làm rõ số liệu',
    });
    posted[0].flush(annotation({ id: 'n-1', text: 'Cần làm rõ số liệu' }));
    await stable();
    expect(viewer().noteMode()).toBe(false);
    one('reader-notes-toggle').click();
    await stable();
    expect(all('note-entry-text').map((e) => e.textContent?.trim())).toEqual(['Cần làm rõ số liệu']);
  });

  it('lists my notes of this version in page order, and edits or deletes one from the list', async () => {
    await open('', documentDetailStub(), [
      annotation({ id: 'n-2', page: 5, text: 'Trang năm' }),
      annotation({ id: 'h-1', kind: 'highlight', page: 2, text: null }),
      annotation({ id: 'old', version: 0 as never, page: 1, text: 'Bản cũ' }),
    ]);
    one('reader-notes-toggle').click();
    await stable();
    expect(all('note-entry').map((e) => e.getAttribute('data-annotation-id'))).toEqual(['h-1', 'n-2']);
    expect(document.body.textContent).toContain('1 ghi chú ở phiên bản khác.');

    all('note-entry')[1].querySelector<HTMLElement>('.go')?.click();
    expect(viewer().calls).toContain('goTo:5');

    all('note-entry-edit')[1].click();
    await stable();
    one('note-delete').click();
    let deleted: ReturnType<HttpTestingController['match']> = [];
    await waitFor(() => (deleted = http.match(`${BASE}/annotations/n-2`)).length > 0);
    expect(deleted[0].request.method).toBe('DELETE');
    deleted[0].flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(all('note-entry').map((e) => e.getAttribute('data-annotation-id'))).toEqual(['h-1']);
  });

  it('offers download, print and my copy for an ordinary document', async () => {
    await open();
    one('reader-save-menu').click();
    await stable();
    expect(one('reader-download').getAttribute('href')).toBe(`${BASE}/file?version=1`);
    expect(one('reader-my-copy').getAttribute('href')).toBe(`${BASE}/my-copy?version=1`);
    expect(all('reader-print')).toHaveLength(1);
  });

  it('gives a confidential document no download or print, and blocks Ctrl+P and Ctrl+S', async () => {
    await open('', documentDetailStub({ confidential: true }));
    expect(one('reader-confidential').textContent).toContain('Tài liệu mật');
    expect(all('reader-save-menu')).toHaveLength(0);
    expect(all('reader-download')).toHaveLength(0);
    expect(document.body.classList.contains('ec-confidential')).toBe(true);

    const print = new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true });
    document.dispatchEvent(print);
    expect(print.defaultPrevented).toBe(true);
    const save = new KeyboardEvent('keydown', { key: 's', metaKey: true, bubbles: true, cancelable: true });
    document.dispatchEvent(save);
    expect(save.defaultPrevented).toBe(true);
    const copy = new KeyboardEvent('keydown', { key: 'c', ctrlKey: true, bubbles: true, cancelable: true });
    document.dispatchEvent(copy);
    expect(copy.defaultPrevented).toBe(false);

    harness.fixture.destroy();
    expect(document.body.classList.contains('ec-confidential')).toBe(false);
  });

  it('says so when the document is still processing, and when it cannot be opened', async () => {
    await open('', documentDetailStub({ status: 'processing', stage: 'converting', currentVersion: null }));
    expect(one('reader-not-ready').textContent).toContain('Tài liệu đang được xử lý');
    expect(all('fake-pdf')).toHaveLength(0);
  });

  it('shows the reason when the server refuses the document', async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter(
          [{ path: 'meetings/:meetingId/documents/:documentId', component: Reader }],
          withComponentInputBinding(),
        ),
      ],
    });
    TestBed.overrideComponent(Reader, { remove: { imports: [PdfViewer] }, add: { imports: [FakePdfViewer] } });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${MEETING_ID}/documents/${DOC}`);
    http
      .expectOne(BASE)
      .flush(
        { code: 'NOT_FOUND', message: 'Không tìm thấy tài liệu / Document not found' },
        { status: 404, statusText: 'Not Found' },
      );
    http.expectOne(`${BASE}/annotations`).flush([]);
    http.expectOne(`/api/meetings/${MEETING_ID}`).flush(meetingDetailStub());
    await stable();
    expect(one('reader-error').textContent).toContain('Không tìm thấy tài liệu');
  });

  it('opens no live connection for a meeting that is not live', async () => {
    await open();
    expect(socket).toBeUndefined();
    expect(all('live-follow-chip')).toHaveLength(0);
  });

  describe('following the presenter', () => {
    const at = (position: Partial<PresenterPosition>): PresenterPosition => ({
      documentId: DOC,
      version: 1,
      page: 4,
      scale: null,
      scrollTop: 0.5,
      scrollLeft: 0,
      ...position,
    });

    /** The reader of a live meeting in which the chair presents at `position`; the viewer is `as`. */
    async function openLive(position: PresenterPosition, as: 'delegate' | 'chair' = 'delegate') {
      await open('', documentDetailStub(), [], meetingDetailStub({ status: 'live' }));
      socket.serverConnect();
      socket.last('live:join').ack({
        ok: true,
        data: encodeLiveSnapshot(
          liveSnapshotStub(
            { presentation: { presenterUserId: UIDS.chair, presenterName: 'Lê Văn Chủ', position } },
            as,
          ),
        ),
      });
      await stable();
      viewer().loaded.emit({ pageCount: 12 });
      await stable();
    }

    let version = 5;
    function presenterAt(position: PresenterPosition | null, presenterUserId: string | null = UIDS.chair): void {
      socket.push('live:update', {
        meetingId: MEETING_ID,
        version: ++version,
        slice: 'presentation',
        value: { presenterUserId, presenterName: presenterUserId ? 'Lê Văn Chủ' : null, position },
      } satisfies LiveUpdate);
    }

    beforeEach(() => (version = 5));

    it('goes to the presenter’s page and view, and leaves and comes back with the chip', async () => {
      await openLive(at({ page: 4 }));
      expect(viewer().calls).toEqual(['goTo:4', 'view:null:0.5:0']);
      expect(one('live-follow-chip').textContent).toContain('Đang theo người trình bày Lê Văn Chủ');

      presenterAt(at({ page: 6, scale: 1.5, scrollTop: 0 }));
      await stable();
      expect(viewer().calls.slice(-2)).toEqual(['goTo:6', 'view:1.5:0:0']);
      expect((one('reader-page-input') as HTMLInputElement).value).toBe('6');

      one('live-read-freely').click();
      await stable();
      presenterAt(at({ page: 8 }));
      await stable();
      expect(viewer().calls).not.toContain('goTo:8');
      expect(one('live-follow-chip').textContent).toContain('Đang đọc tự do');

      one('live-back-to-presenter').click();
      await stable();
      expect(viewer().calls.slice(-2)).toEqual(['goTo:8', 'view:null:0.5:0']);
      expect(all('live-read-freely')).toHaveLength(1);
    });

    it('opens the document and version the presenter turns to', async () => {
      await openLive(at({ page: 2 }));
      presenterAt(at({ documentId: 'doc-2', version: 3, page: 7 }));
      await stable();
      expect(TestBed.inject(Router).url).toBe(`/meetings/${MEETING_ID}/documents/doc-2?version=3&page=7`);
      http
        .expectOne(`/api/meetings/${MEETING_ID}/documents/doc-2`)
        .flush(
          documentDetailStub({ id: 'doc-2', title: 'Báo cáo kinh tế - xã hội', currentVersion: 3, latestVersion: 3 }),
        );
      http.expectOne(`/api/meetings/${MEETING_ID}/documents/doc-2/annotations`).flush([]);
      await stable();
      expect(one('reader-title').textContent?.trim()).toBe('Báo cáo kinh tế - xã hội');
      expect(viewer().initialPage()).toBe(7);
    });

    it('stops following when nobody presents any more', async () => {
      await openLive(at({ page: 4 }));
      presenterAt(at({ page: 9 }), null);
      await stable();
      expect(all('live-follow-chip')).toHaveLength(0);
      expect(viewer().calls).not.toContain('goTo:9');
    });

    it('sends the presenter’s page and zoom, at once and then at most every throttle period', async () => {
      await openLive(at({ page: 1 }), 'chair');
      expect(one('live-presenting').textContent).toContain('Bạn đang trình bày');
      expect(all('live-follow-chip')).toHaveLength(0);
      const moves = () => socket.emitted('presenter:move').map((sent) => sent.payload.position);
      await waitFor(() => moves().length > 0);
      expect(moves()[0]).toEqual(at({ page: 1, scrollTop: 0 }));

      await new Promise((resolve) => setTimeout(resolve, 40));
      viewer().pageChange.emit(2);
      viewer().pageChange.emit(3);
      viewer().currentView = { scale: 2, scrollTop: 0.25, scrollLeft: 0.1 };
      viewer().scaleChange.emit(2);
      await stable();
      // Page 2 at once; 3 and the zoom only as the last position of the burst.
      expect(moves().map((p) => p.page)).toEqual([1, 2]);
      await waitFor(() => moves().length === 3);
      expect(moves()[2]).toEqual(at({ page: 3, scale: 2, scrollTop: 0.25, scrollLeft: 0.1 }));
      expect(socket.last('presenter:move').payload.meetingId).toBe(MEETING_ID);
    });
  });
});
