import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AnnotationResponse, DocumentDetailResponse, ErrorCode, ErrorResponse, PresenterPosition } from '@app/shared';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { filter, forkJoin, Observable } from 'rxjs';

import { Icon } from '../../core/icons/icon';
import { toErrorResponse } from '../../core/http/api-error';
import { LanguagePreference } from '../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../core/i18n/server-message';
import { FollowChip } from '../../live/follow-chip/follow-chip';
import { FollowPresenter } from '../../live/follow-presenter';
import { LiveSessionClient } from '../../live/live-session-client';
import { AnnotationsStore } from '../annotations/annotations-store';
import { NoteDialog, NoteDialogData, NoteDialogResult } from '../annotations/note-dialog/note-dialog';
import { NotesPanel } from '../annotations/notes-panel/notes-panel';
import { PageThumbnails } from '../page-thumbnails/page-thumbnails';
import { DocumentsApi } from '../documents-api';
import { noteAnchor } from '../pdf-viewer/page-geometry';
import { FindResult, PageSelection, PdfViewer } from '../pdf-viewer/pdf-viewer';
import { PdfOpenHint } from '../pdf-viewer/range-prefetch';
import { listedDocument } from './open-state';

/** A selection is still usable this long after it vanished (tapping a toolbar button can clear it first). */
const SELECTION_GRACE_MS = 3000;

/**
 * The tablet reader: pdf.js pages in the middle, server thumbnails on the side, page number, zoom,
 * find-in-document, and my private notes and highlights. Confidential documents get no download or
 * print, and Ctrl+P / Ctrl+S do nothing while they are open.
 */
@Component({
  selector: 'ec-reader',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    TranslocoDirective,
    Icon,
    ServerMessagePipe,
    PdfViewer,
    NotesPanel,
    PageThumbnails,
    FollowChip,
  ],
  providers: [AnnotationsStore],
  templateUrl: './reader.html',
  styleUrl: './reader.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'keydown($event)' },
})
export class Reader {
  private readonly api = inject(DocumentsApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly live = inject(LiveSessionClient);
  private readonly follow = inject(FollowPresenter);
  private readonly viewer = viewChild<PdfViewer>('viewer');
  private lastSelection: { pages: PageSelection[]; at: number } | null = null;

  // Route params and query params (component input binding).
  readonly meetingId = input.required<string>();
  readonly documentId = input.required<string>();
  readonly page = input<string>();
  readonly version = input<string>();
  readonly q = input<string>();

  protected readonly annotations = inject(AnnotationsStore);
  protected readonly lang = inject(LanguagePreference).active;
  protected readonly detail = signal<DocumentDetailResponse | null>(null);
  protected readonly error = signal<ErrorResponse | null>(null);
  protected readonly viewerFailed = signal(false);
  protected readonly loadingPages = signal(true);
  protected readonly currentPage = signal(1);
  protected readonly pageCount = signal(0);
  protected readonly scale = signal(1);
  protected readonly findText = signal('');
  protected readonly findResult = signal<FindResult | null>(null);
  protected readonly noteMode = signal(false);
  protected readonly showThumbnails = signal(this.wide());
  /**
   * Thumbnails wait for the first painted page: on a weak link a dozen thumbnail requests would
   * otherwise queue in front of the PDF's own range requests.
   */
  protected readonly firstPagePainted = signal(false);
  protected readonly showNotes = signal(false);

  /** Router state from the meeting page, read once: what the list knew when the document was tapped. */
  private readonly navigationState = this.router.currentNavigation()?.extras.state;
  /** The document as listed, until the detail arrives: enough to start fetching the file. */
  private readonly listed = computed(() =>
    this.detail() ? null : listedDocument(this.navigationState, this.documentId()),
  );

  /** The detail, or until it arrives the listed document. */
  protected readonly known = computed(() => this.detail() ?? this.listed());
  protected readonly confidential = computed(() => this.known()?.confidential ?? false);
  /** Ready versions, newest first. */
  protected readonly readyVersions = computed(() =>
    (this.detail()?.versions ?? []).filter((v) => v.status === 'ready'),
  );
  /** The version shown: the one asked for if it is ready, else the newest ready one. */
  protected readonly shownVersion = computed(() => {
    const asked = Number(this.version());
    const listed = this.listed();
    if (listed) {
      return !this.version() || asked === listed.currentVersion ? listed.currentVersion : null;
    }
    const ready = this.readyVersions();
    return ready.find((v) => v.number === asked)?.number ?? this.detail()?.currentVersion ?? null;
  });
  protected readonly fileUrl = computed(() => {
    const version = this.shownVersion();
    return version === null ? null : this.api.fileUrl(this.meetingId(), this.documentId(), version);
  });
  /** Only for the current version: that is the one the hint describes. */
  protected readonly openHint = computed((): PdfOpenHint | null => {
    const doc = this.known();
    if (!doc?.fastOpen || doc.fileBytes === null || this.shownVersion() !== doc.currentVersion) {
      return null;
    }
    return { fileBytes: doc.fileBytes, ...doc.fastOpen };
  });
  protected readonly myCopyUrl = computed(() => {
    const version = this.shownVersion();
    return version === null ? null : this.api.myCopyUrl(this.meetingId(), this.documentId(), version);
  });
  /** Known from the server before pdf.js has even opened the file. */
  protected readonly thumbnailCount = computed(
    () =>
      this.pageCount() ||
      (this.readyVersions().find((v) => v.number === this.shownVersion())?.pageCount ?? this.listed()?.pageCount ?? 0),
  );
  protected readonly initialPage = computed(() => Math.max(1, Math.floor(Number(this.page())) || 1));
  protected readonly zoomPercent = computed(() => Math.round(this.scale() * 100));
  /** Where the presenter is, while this reader follows them in this meeting's live session. */
  private readonly followTarget = computed(() =>
    this.follow.meetingId() === this.meetingId() ? this.follow.target() : null,
  );
  private readonly presenting = computed(
    () => this.follow.meetingId() === this.meetingId() && this.follow.isPresenter(),
  );

  constructor() {
    effect(() => {
      const meetingId = this.meetingId();
      const documentId = this.documentId();
      untracked(() => {
        this.load(meetingId, documentId);
        void this.live.joinIfLive(meetingId);
      });
    });
    effect(() => {
      const target = this.followTarget();
      if (target) {
        untracked(() => this.goToPresenter(target));
      }
    });
    effect(() => {
      if (this.presenting()) {
        untracked(() => this.reportPosition());
      }
    });
    effect(() => {
      const version = this.shownVersion();
      if (version !== null) {
        untracked(() => this.annotations.showVersion(version));
      }
    });
    effect(() => {
      this.document.body.classList.toggle('ec-confidential', this.confidential());
    });
    const onKeydown = (event: KeyboardEvent) => this.blockSaveAndPrint(event);
    const onSelection = () => this.rememberSelection();
    this.document.addEventListener('keydown', onKeydown, true);
    this.document.addEventListener('selectionchange', onSelection);
    this.destroyRef.onDestroy(() => {
      this.document.removeEventListener('keydown', onKeydown, true);
      this.document.removeEventListener('selectionchange', onSelection);
      this.document.body.classList.remove('ec-confidential');
    });
  }

  protected pagesLoaded(event: { pageCount: number }): void {
    this.loadingPages.set(false);
    this.viewerFailed.set(false);
    this.pageCount.set(event.pageCount);
    const q = this.q()?.trim();
    if (q) {
      this.findText.set(q);
      this.viewer()?.find(q);
    }
    const target = this.followTarget();
    if (target) {
      this.goToPresenter(target);
    }
    this.reportPosition();
  }

  protected pagesFailed(): void {
    this.loadingPages.set(false);
    this.viewerFailed.set(true);
  }

  protected pageChanged(page: number): void {
    this.currentPage.set(page);
    this.reportPosition();
  }

  protected scaleChanged(scale: number): void {
    this.scale.set(scale);
    this.reportPosition();
  }

  /** The presenter's reader leads: its page, zoom and scroll go to every follower (throttled). */
  protected reportPosition(): void {
    const version = this.shownVersion();
    const view = this.viewer()?.view();
    if (!this.presenting() || version === null || !view || !this.pageCount()) {
      return;
    }
    this.follow.move(this.meetingId(), { documentId: this.documentId(), version, page: this.currentPage(), ...view });
  }

  protected goTo(page: number): void {
    this.viewer()?.goToPage(page);
  }

  protected goToTyped(event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (Number.isInteger(value) && value >= 1 && value <= this.pageCount()) {
      this.goTo(value);
    } else {
      (event.target as HTMLInputElement).value = String(this.currentPage());
    }
  }

  protected previous(): void {
    this.viewer()?.previousPage();
  }

  protected next(): void {
    this.viewer()?.nextPage();
  }

  protected zoomIn(): void {
    this.viewer()?.zoomIn();
  }

  protected zoomOut(): void {
    this.viewer()?.zoomOut();
  }

  protected fitWidth(): void {
    this.viewer()?.fitWidth();
  }

  protected find(previous = false): void {
    const text = this.findText().trim();
    const again = !!text && this.findResult()?.query === text;
    this.viewer()?.find(text, { again, previous });
    if (!text) {
      this.findResult.set(null);
    }
  }

  protected clearFind(): void {
    this.findText.set('');
    this.find();
  }

  protected chooseVersion(version: number): void {
    void this.router.navigate([], {
      queryParams: { version, page: null, q: null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected toggleNoteMode(): void {
    this.noteMode.update((on) => !on);
  }

  protected highlight(): void {
    const pages = this.currentSelection();
    if (!pages.length) {
      this.snackBar.open(this.transloco.translate('documents.reader.selectFirst'), undefined, { duration: 4000 });
      return;
    }
    this.viewer()?.clearSelection();
    this.lastSelection = null;
    this.save(
      forkJoin(pages.map((selection) => this.annotations.addHighlight(selection.page, selection.rects))),
      'documents.reader.highlighted',
    );
  }

  protected addNoteAt(tap: { page: number; x: number; y: number }): void {
    this.openNote({ page: tap.page, required: true, editing: false }).subscribe((result) => {
      if (result.action === 'save') {
        this.save(this.annotations.addNote(tap.page, [noteAnchor(tap)], result.text), 'documents.reader.noteSaved');
      }
    });
    this.noteMode.set(false);
  }

  protected editAnnotation(annotation: AnnotationResponse): void {
    this.openNote({
      page: annotation.page,
      text: annotation.text,
      required: annotation.kind === 'note',
      editing: true,
    }).subscribe((result) => {
      if (result.action === 'delete') {
        this.save(this.annotations.delete(annotation.id), 'documents.reader.deleted');
      } else {
        this.save(this.annotations.update(annotation.id, { text: result.text || null }), 'documents.reader.noteSaved');
      }
    });
  }

  protected activateAnnotation(annotationId: string): void {
    const annotation = this.annotations.find(annotationId);
    if (annotation) {
      this.editAnnotation(annotation);
    }
  }

  protected keydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable="true"], mat-select')) {
      return;
    }
    if (event.key === 'ArrowRight' || event.key === 'PageDown') {
      event.preventDefault();
      this.next();
    } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
      event.preventDefault();
      this.previous();
    }
  }

  /** Follows the presenter: their document and version (through the route), then their page and view. */
  private goToPresenter(target: PresenterPosition): void {
    const asked = this.version() ? Number(this.version()) : this.known()?.currentVersion;
    if (target.documentId !== this.documentId()) {
      void this.router.navigate(['/meetings', this.meetingId(), 'documents', target.documentId], {
        queryParams: { version: target.version, page: target.page },
        replaceUrl: true,
      });
    } else if (asked !== undefined && asked !== null && asked !== target.version) {
      void this.router.navigate([], {
        queryParams: { version: target.version, page: target.page, q: null },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    } else if (this.pageCount()) {
      const viewer = this.viewer();
      if (this.currentPage() !== target.page) {
        viewer?.goToPage(target.page);
      }
      viewer?.setView(target);
    }
  }

  private load(meetingId: string, documentId: string): void {
    if (this.detail() && this.detail()?.id !== documentId) {
      // Another document in the same reader (following the presenter): start afresh.
      this.detail.set(null);
      this.pageCount.set(0);
      this.currentPage.set(1);
      this.loadingPages.set(true);
      this.viewerFailed.set(false);
      this.firstPagePainted.set(false);
      this.findResult.set(null);
    }
    this.error.set(null);
    this.api
      .get(meetingId, documentId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (detail) => {
          this.detail.set(detail);
          if (detail.currentVersion === null) {
            this.loadingPages.set(false);
          }
        },
        error: (error: unknown) => {
          const response = toErrorResponse(error);
          this.loadingPages.set(false);
          this.error.set(response);
          // The presenter shows a document this reader may not open: stop following rather than bounce back here.
          if (
            this.followTarget()?.documentId === documentId &&
            (response.code === ErrorCode.NotFound || response.code === ErrorCode.Forbidden)
          ) {
            this.follow.readFreely();
          }
        },
      });
    this.annotations.load(meetingId, documentId);
  }

  private openNote(data: NoteDialogData): Observable<NoteDialogResult> {
    return this.dialog
      .open<NoteDialog, NoteDialogData, NoteDialogResult>(NoteDialog, { data })
      .afterClosed()
      .pipe(
        filter((result): result is NoteDialogResult => !!result),
        takeUntilDestroyed(this.destroyRef),
      );
  }

  private save(call: Observable<unknown>, doneKey: string): void {
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => this.snackBar.open(this.transloco.translate(doneKey), undefined, { duration: 3000 }),
      error: (error: unknown) => {
        const response = toErrorResponse(error);
        this.snackBar.open(
          response.message || this.transloco.translate('documents.reader.saveFailed'),
          this.transloco.translate('common.close'),
          { duration: 8000 },
        );
      },
    });
  }

  private rememberSelection(): void {
    const pages = this.viewer()?.selection() ?? [];
    if (pages.length) {
      this.lastSelection = { pages, at: Date.now() };
    } else if (this.lastSelection) {
      this.lastSelection.at = Date.now();
    }
  }

  private currentSelection(): PageSelection[] {
    const live = this.viewer()?.selection() ?? [];
    if (live.length) {
      return live;
    }
    if (this.lastSelection && Date.now() - this.lastSelection.at <= SELECTION_GRACE_MS) {
      return this.lastSelection.pages;
    }
    return [];
  }

  /** Confidential documents: the browser's own save and print shortcuts do nothing while they are open. */
  private blockSaveAndPrint(event: KeyboardEvent): void {
    if (!this.confidential() || !(event.ctrlKey || event.metaKey)) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'p' || key === 's') {
      event.preventDefault();
      event.stopPropagation();
      this.snackBar.open(this.transloco.translate('documents.reader.confidentialBlocked'), undefined, {
        duration: 4000,
      });
    }
  }

  private wide(): boolean {
    return (this.document.defaultView?.innerWidth ?? 1280) >= 1100;
  }
}
