import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  effect,
  ElementRef,
  inject,
  input,
  OnDestroy,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { AnnotationRect, AnnotationResponse } from '@app/shared';
import type { PDFDataRangeTransport, PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { EventBus, PDFViewer as PdfJsPdfViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';

import { GestureTracker } from './gestures';
import { mergeLineRects, normalisePoint, normaliseRect } from './page-geometry';
import { loadPdfJs, PDF_CMAPS_PATH, PDF_STANDARD_FONTS_PATH } from './pdfjs-loader';
import { PdfOpenHint, prefetchingTransport, RANGE_CHUNK_BYTES, RangePrefetcher } from './range-prefetch';

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 5;
const ZOOM_STEP = 1.25;

export interface FindResult {
  query: string;
  /** 1-based index of the selected match; 0 when none. */
  current: number;
  total: number;
  /** `pending` while pdf.js is still reading pages. */
  state: 'found' | 'not_found' | 'wrapped' | 'pending';
}

export interface PageSelection {
  page: number;
  rects: AnnotationRect[];
}

/** Zoom and scroll of the page shown: what a presenter sends and a follower applies. */
export interface PdfView {
  /** pdf.js scale; null for "fit width". */
  scale: number | null;
  /** Scroll as fractions 0..1 of the scrollable extent (0 when it does not scroll). */
  scrollTop: number;
  scrollLeft: number;
}

/**
 * pdf.js's own viewer (PDFViewer in page-at-a-time mode, text layer, link service, find controller),
 * wrapped for Angular and tablets: it fetches only the byte ranges it needs, swipes turn pages, two
 * fingers zoom, and it draws the reader's own notes and highlights over the pages.
 * The only component that touches pdf.js.
 */
@Component({
  selector: 'ec-pdf-viewer',
  templateUrl: './pdf-viewer.html',
  styleUrl: './pdf-viewer.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.note-mode]': 'noteMode()' },
})
export class PdfViewer implements OnDestroy {
  private readonly document = inject(DOCUMENT);
  private readonly container = viewChild.required<ElementRef<HTMLDivElement>>('container');
  private readonly viewerElement = viewChild.required<ElementRef<HTMLDivElement>>('viewer');

  /** The PDF's URL (Range-capable). Changing it loads the other file. */
  readonly url = input.required<string>();
  /**
   * Where page 1 lies in the file, when the server knows: pdf.js then gets the bytes it needs for
   * it in one round trip instead of four. Read when `url` changes.
   */
  readonly openHint = input<PdfOpenHint | null>(null);
  /** Page to open at (1-based). */
  readonly initialPage = input(1);
  /** The reader's notes and highlights on this version, drawn over the pages. */
  readonly annotations = input<AnnotationResponse[]>([]);
  /** In note mode a tap on a page asks for a note there instead of selecting text. */
  readonly noteMode = input(false);
  /** Accessible name of the page area, e.g. the document title. */
  readonly label = input('');

  readonly loaded = output<{ pageCount: number }>();
  /** A page finished painting (its number). */
  readonly rendered = output<number>();
  readonly failed = output<unknown>();
  readonly pageChange = output<number>();
  readonly scaleChange = output<number>();
  readonly findResult = output<FindResult>();
  readonly pageTap = output<{ page: number; x: number; y: number }>();
  readonly annotationActivated = output<string>();
  /** The page area was scrolled (zoomed-in pages scroll); read `view()` for where. */
  readonly scrolled = output<void>();

  private pdfViewer: PdfJsPdfViewer | null = null;
  private eventBus: EventBus | null = null;
  private loadingTask: PDFDocumentLoadingTask | null = null;
  private pdfDocument: PDFDocumentProxy | null = null;
  private findStates: { FOUND: number; NOT_FOUND: number; WRAPPED: number; PENDING: number } | null = null;
  private lastQuery = '';
  private destroyed = false;
  private readonly gestures = new GestureTracker({
    swipe: (direction) => (direction === 'next' ? this.nextPage() : this.previousPage()),
    pinch: (factor, origin) =>
      this.pdfViewer?.updateScale({ scaleFactor: factor, origin: [origin.x, origin.y], drawingDelay: 300 }),
    pinchEnd: () => this.updateTouchAction(),
    canSwipe: () => !this.overflowsHorizontally(),
  });

  constructor() {
    effect(() => {
      const url = this.url();
      untracked(() => void this.open(url));
    });
    effect(() => {
      this.annotations();
      untracked(() => this.drawAllAnnotations());
    });
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    void this.close();
  }

  get pageCount(): number {
    return this.pdfViewer?.pagesCount ?? 0;
  }

  goToPage(page: number): void {
    if (this.pdfViewer && page >= 1 && page <= this.pdfViewer.pagesCount) {
      this.pdfViewer.currentPageNumber = page;
    }
  }

  nextPage(): void {
    this.pdfViewer?.nextPage();
  }

  previousPage(): void {
    this.pdfViewer?.previousPage();
  }

  zoomIn(): void {
    this.setScale((this.pdfViewer?.currentScale ?? 1) * ZOOM_STEP);
  }

  zoomOut(): void {
    this.setScale((this.pdfViewer?.currentScale ?? 1) / ZOOM_STEP);
  }

  fitWidth(): void {
    if (this.pdfViewer) {
      this.pdfViewer.currentScaleValue = 'page-width';
    }
  }

  /** The zoom and scroll now; null before the document is open. */
  view(): PdfView | null {
    if (!this.pdfViewer) {
      return null;
    }
    const container = this.container().nativeElement;
    const fraction = (position: number, extent: number) => (extent > 0 ? Math.min(1, position / extent) : 0);
    return {
      scale: this.pdfViewer.currentScaleValue === 'page-width' ? null : this.pdfViewer.currentScale,
      scrollTop: fraction(container.scrollTop, container.scrollHeight - container.clientHeight),
      scrollLeft: fraction(container.scrollLeft, container.scrollWidth - container.clientWidth),
    };
  }

  /** Applies another reader's zoom and scroll, as far as this screen allows. */
  setView(view: PdfView): void {
    if (!this.pdfViewer) {
      return;
    }
    if (view.scale === null) {
      if (this.pdfViewer.currentScaleValue !== 'page-width') this.fitWidth();
    } else if (Math.abs(this.pdfViewer.currentScale - view.scale) > 0.001) {
      this.setScale(view.scale);
    }
    // After the new scale has been laid out.
    requestAnimationFrame(() => {
      const container = this.container().nativeElement;
      container.scrollTop = view.scrollTop * Math.max(0, container.scrollHeight - container.clientHeight);
      container.scrollLeft = view.scrollLeft * Math.max(0, container.scrollWidth - container.clientWidth);
    });
  }

  /** Finds `query` (case and Vietnamese diacritics ignored) and marks every match; again: the next one. */
  find(query: string, options: { again?: boolean; previous?: boolean } = {}): void {
    const text = query.trim();
    this.lastQuery = text;
    this.eventBus?.dispatch('find', {
      source: this,
      type: options.again && text ? 'again' : '',
      query: text,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: !!options.previous,
      matchDiacritics: false,
    });
  }

  /** The current text selection, per page, as page-normalised rectangles; empty when nothing is selected. */
  selection(): PageSelection[] {
    const selection = this.document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !this.pdfViewer) {
      return [];
    }
    const clientRects = Array.from(selection.getRangeAt(0).getClientRects());
    const result: PageSelection[] = [];
    for (let page = 1; page <= this.pdfViewer.pagesCount; page++) {
      const div = this.pageDiv(page);
      if (!div) {
        continue;
      }
      const box = div.getBoundingClientRect();
      const rects = clientRects
        .map((rect) => normaliseRect(rect, box))
        .filter((rect): rect is AnnotationRect => rect !== null);
      if (rects.length) {
        result.push({ page, rects: mergeLineRects(rects) });
      }
    }
    return result;
  }

  clearSelection(): void {
    this.document.getSelection()?.removeAllRanges();
  }

  protected pointerDown(event: PointerEvent): void {
    this.gestures.down(event);
  }

  protected pointerMove(event: PointerEvent): void {
    this.gestures.move(event);
  }

  protected pointerUp(event: PointerEvent): void {
    this.gestures.up(event);
  }

  protected pointerCancel(event: PointerEvent): void {
    this.gestures.cancel(event);
  }

  protected click(event: MouseEvent): void {
    const target = event.target as HTMLElement | null;
    const marker = target?.closest<HTMLElement>('[data-annotation-id]');
    if (marker?.dataset['annotationId']) {
      this.annotationActivated.emit(marker.dataset['annotationId']);
      return;
    }
    if (!this.noteMode()) {
      return;
    }
    const pageDiv = target?.closest<HTMLElement>('.page[data-page-number]');
    const page = Number(pageDiv?.dataset['pageNumber']);
    if (!pageDiv || !page) {
      return;
    }
    const point = normalisePoint(event.clientX, event.clientY, pageDiv.getBoundingClientRect());
    if (point) {
      this.pageTap.emit({ page, ...point });
    }
  }

  private async open(url: string): Promise<void> {
    await this.close();
    try {
      const { lib, viewer, worker } = await loadPdfJs(this.document);
      if (this.destroyed || url !== this.url()) {
        return;
      }
      this.findStates = viewer.FindState as never;
      const eventBus = new viewer.EventBus();
      const linkService = new viewer.PDFLinkService({ eventBus });
      const findController = new viewer.PDFFindController({ eventBus, linkService });
      const pdfViewer = new viewer.PDFViewer({
        container: this.container().nativeElement,
        viewer: this.viewerElement().nativeElement,
        eventBus,
        linkService,
        findController,
        removePageBorders: true,
        // Our own pointer-event pinch works with pens and in every tablet browser alike.
        supportsPinchToZoom: false,
        enableAutoLinking: false,
      });
      linkService.setViewer(pdfViewer);
      pdfViewer.scrollMode = viewer.ScrollMode.PAGE;
      this.eventBus = eventBus;
      this.pdfViewer = pdfViewer;
      this.listen(eventBus);

      // Range requests only, no streaming of the whole file and no background fetching: on a weak
      // link the first page paints after a few small requests instead of after the file (a
      // streamed full download competes with the range requests for the same thin pipe). With a
      // hint, the ranges page 1 needs are all asked for at once and pdf.js is fed from them.
      const hint = untracked(() => this.openHint());
      const source = hint
        ? { range: this.prefetchedSource(lib, url, hint), rangeChunkSize: RANGE_CHUNK_BYTES }
        : { url, rangeChunkSize: 65536 };
      this.loadingTask = lib.getDocument({
        ...source,
        worker,
        disableAutoFetch: true,
        disableStream: true,
        isEvalSupported: false,
        cMapUrl: new URL(PDF_CMAPS_PATH, this.document.baseURI).href,
        cMapPacked: true,
        standardFontDataUrl: new URL(PDF_STANDARD_FONTS_PATH, this.document.baseURI).href,
      });
      const pdfDocument = await this.loadingTask.promise;
      if (this.destroyed || url !== this.url()) {
        await pdfDocument.destroy();
        return;
      }
      this.pdfDocument = pdfDocument;
      pdfViewer.setDocument(pdfDocument);
      linkService.setDocument(pdfDocument);
    } catch (error: unknown) {
      if (!this.destroyed) {
        this.failed.emit(error);
      }
    }
  }

  private prefetchedSource(
    lib: { PDFDataRangeTransport: typeof PDFDataRangeTransport },
    url: string,
    hint: PdfOpenHint,
  ) {
    const prefetcher = new RangePrefetcher(url, hint.fileBytes);
    prefetcher.prefetchForFirstPage(hint);
    return prefetchingTransport(lib.PDFDataRangeTransport, prefetcher, (error: unknown) => {
      if (!this.destroyed && url === this.url()) {
        this.failed.emit(error);
        void this.close();
      }
    });
  }

  private listen(eventBus: EventBus): void {
    eventBus.on('pagesinit', () => {
      if (!this.pdfViewer) {
        return;
      }
      this.pdfViewer.currentScaleValue = 'page-width';
      const page = this.initialPage();
      if (page > 1) {
        this.goToPage(page);
      }
      this.loaded.emit({ pageCount: this.pdfViewer.pagesCount });
      this.pageChange.emit(this.pdfViewer.currentPageNumber);
      this.updateTouchAction();
    });
    eventBus.on('pagechanging', (event: { pageNumber: number }) => this.pageChange.emit(event.pageNumber));
    eventBus.on('scalechanging', (event: { scale: number }) => {
      this.scaleChange.emit(event.scale);
      // After the new scale has been laid out.
      requestAnimationFrame(() => this.updateTouchAction());
    });
    eventBus.on('pagerendered', (event: { pageNumber: number }) => {
      this.drawAnnotations(event.pageNumber);
      this.rendered.emit(event.pageNumber);
      // A DOM event e2e tests and the first-page benchmark wait for (pdf.js's bus is not reachable).
      this.document.defaultView?.dispatchEvent(
        new CustomEvent('ecab:page-rendered', { detail: { pageNumber: event.pageNumber } }),
      );
    });
    eventBus.on(
      'updatefindcontrolstate',
      (event: { state: number; matchesCount?: { current: number; total: number } }) =>
        this.findResult.emit({
          query: this.lastQuery,
          current: event.matchesCount?.current ?? 0,
          total: event.matchesCount?.total ?? 0,
          state: this.findState(event.state),
        }),
    );
    eventBus.on('updatefindmatchescount', (event: { matchesCount: { current: number; total: number } }) =>
      this.findResult.emit({
        query: this.lastQuery,
        current: event.matchesCount.current,
        total: event.matchesCount.total,
        state: event.matchesCount.total ? 'found' : 'pending',
      }),
    );
  }

  private findState(state: number): FindResult['state'] {
    const states = this.findStates;
    if (!states) {
      return 'pending';
    }
    switch (state) {
      case states.FOUND:
        return 'found';
      case states.NOT_FOUND:
        return 'not_found';
      case states.WRAPPED:
        return 'wrapped';
      default:
        return 'pending';
    }
  }

  private async close(): Promise<void> {
    const task = this.loadingTask;
    const pdfDocument = this.pdfDocument;
    this.loadingTask = null;
    this.pdfDocument = null;
    if (this.pdfViewer) {
      this.pdfViewer.cleanup();
      this.pdfViewer.setDocument(null as unknown as PDFDocumentProxy);
      this.pdfViewer = null;
    }
    this.eventBus = null;
    try {
      await task?.destroy();
      await pdfDocument?.destroy();
    } catch {
      // Already torn down.
    }
  }

  private setScale(scale: number): void {
    if (this.pdfViewer) {
      this.pdfViewer.currentScale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    }
  }

  private overflowsHorizontally(): boolean {
    const container = this.container().nativeElement;
    return container.scrollWidth > container.clientWidth + 1;
  }

  /** Fitting pages: horizontal moves are ours (swipes). Zoomed in: the browser pans both ways. */
  private updateTouchAction(): void {
    this.container().nativeElement.style.touchAction = this.overflowsHorizontally() ? 'pan-x pan-y' : 'pan-y';
  }

  private pageDiv(page: number): HTMLElement | null {
    return this.viewerElement().nativeElement.querySelector<HTMLElement>(`.page[data-page-number="${page}"]`);
  }

  private drawAllAnnotations(): void {
    const count = this.pdfViewer?.pagesCount ?? 0;
    for (let page = 1; page <= count; page++) {
      this.drawAnnotations(page);
    }
  }

  /** Our layer over one page, in percentages of the page box: zoom never moves it off its words. */
  private drawAnnotations(page: number): void {
    const div = this.pageDiv(page);
    if (!div) {
      return;
    }
    div.querySelector(':scope > .ec-annotation-layer')?.remove();
    const onPage = this.annotations().filter((annotation) => annotation.page === page);
    if (!onPage.length) {
      return;
    }
    const layer = this.document.createElement('div');
    layer.className = 'ec-annotation-layer';
    for (const annotation of onPage) {
      if (annotation.kind === 'highlight') {
        for (const rect of annotation.rects) {
          const mark = this.box('ec-highlight', rect);
          mark.style.backgroundColor = annotation.color;
          mark.dataset['highlightId'] = annotation.id;
          layer.appendChild(mark);
        }
      } else {
        const anchor = annotation.rects[0] ?? { x: 0.02, y: 0.02, w: 0.03, h: 0.03 };
        const marker = this.document.createElement('button');
        marker.type = 'button';
        marker.className = 'ec-note-marker';
        marker.dataset['annotationId'] = annotation.id;
        marker.setAttribute('data-testid', 'note-marker');
        marker.title = annotation.text ?? '';
        marker.setAttribute('aria-label', annotation.text ?? '');
        marker.style.left = `${anchor.x * 100}%`;
        marker.style.top = `${anchor.y * 100}%`;
        layer.appendChild(marker);
      }
    }
    div.appendChild(layer);
  }

  private box(className: string, rect: AnnotationRect): HTMLElement {
    const element = this.document.createElement('div');
    element.className = className;
    element.style.left = `${rect.x * 100}%`;
    element.style.top = `${rect.y * 100}%`;
    element.style.width = `${rect.w * 100}%`;
    element.style.height = `${rect.h * 100}%`;
    return element;
  }
}
