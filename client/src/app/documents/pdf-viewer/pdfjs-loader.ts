/**
 * The only door to pdf.js. Loaded on first use (the reader is a lazy route), in this order: the core
 * library, which sets `globalThis.pdfjsLib`, then the viewer components, which read it when they load.
 * The viewer stylesheet is a separate, non-injected bundle (`pdf-viewer.css`, see project.json).
 */
export type PdfJsLib = typeof import('pdfjs-dist');
export type PdfJsViewer = typeof import('pdfjs-dist/web/pdf_viewer.mjs');

export interface PdfJs {
  lib: PdfJsLib;
  viewer: PdfJsViewer;
  /**
   * One worker for the app's life, shared by every document: opening the next document does not
   * wait for a new worker to boot and parse pdf.js again (a few hundred ms on a cheap tablet).
   */
  worker: InstanceType<PdfJsLib['PDFWorker']>;
}

/** Where the build copies the worker and the viewer stylesheet (relative to the base href). */
export const PDF_WORKER_PATH = 'pdfjs/pdf.worker.min.mjs';
export const PDF_VIEWER_STYLESHEET = 'pdf-viewer.css';
export const PDF_CMAPS_PATH = 'pdfjs/cmaps/';
export const PDF_STANDARD_FONTS_PATH = 'pdfjs/standard_fonts/';

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(document: Document): Promise<PdfJs> {
  loading ??= (async () => {
    const [lib] = await Promise.all([import('pdfjs-dist'), loadStylesheet(document, PDF_VIEWER_STYLESHEET)]);
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    lib.GlobalWorkerOptions.workerSrc = new URL(PDF_WORKER_PATH, document.baseURI).href;
    return { lib, viewer, worker: new lib.PDFWorker() };
  })().catch((error: unknown) => {
    // A failed chunk download (weak link) must be retryable by opening the document again.
    loading = null;
    throw error;
  });
  return loading;
}

function loadStylesheet(document: Document, href: string): Promise<void> {
  const url = new URL(href, document.baseURI).href;
  const existing = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).find(
    (link) => link.href === url,
  );
  if (existing) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    // Without the stylesheet the pages still render, only less tidily: never block the reader on it.
    link.onload = () => resolve();
    link.onerror = () => resolve();
    document.head.appendChild(link);
  });
}
