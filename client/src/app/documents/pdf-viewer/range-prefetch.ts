import type { PDFDataRangeTransport } from 'pdfjs-dist';

/** Where pdf.js finds page 1 of a linearized file: bytes [0, headEnd) and [tailStart, fileBytes). */
export interface PdfOpenHint {
  fileBytes: number;
  headEnd: number;
  tailStart: number;
}

/** pdf.js's range size. Prefetched ranges are aligned to it: pdf.js asks for whole chunks. */
export const RANGE_CHUNK_BYTES = 16 * 1024;
/** A weak link drops requests now and then; pdf.js has no retry of its own for a lost range. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 400;

interface FetchedRange {
  begin: number;
  end: number;
  bytes: Promise<Uint8Array>;
}

/** A range that could not be had; `retryable` when the link, not the server's answer, failed. */
export class RangeFetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** The part of `fetch` used here. */
export type FetchLike = (
  url: string,
  init: RequestInit,
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * Byte ranges of one immutable file (a version's URL never changes content), fetched with HTTP
 * Range. `prefetch` starts the ranges pdf.js will ask for first, all at once, so the round trips
 * pdf.js would otherwise make one after another (header, then main xref, then the page tree) cost
 * one latency; `read` answers pdf.js from them, or fetches what they do not cover.
 */
export class RangePrefetcher {
  private readonly fetched: FetchedRange[] = [];
  private readonly abortController = new AbortController();

  constructor(
    private readonly url: string,
    readonly fileBytes: number,
    private readonly fetchFn: FetchLike = (input, init) => fetch(input, init),
  ) {}

  /** Starts the two ranges of the hint, widened to whole chunks (one range if they meet). */
  prefetchForFirstPage(hint: PdfOpenHint): void {
    const headEnd = Math.min(this.fileBytes, Math.ceil(hint.headEnd / RANGE_CHUNK_BYTES) * RANGE_CHUNK_BYTES);
    const tailBegin = Math.floor(hint.tailStart / RANGE_CHUNK_BYTES) * RANGE_CHUNK_BYTES;
    if (tailBegin <= headEnd) {
      this.prefetch(0, this.fileBytes);
    } else {
      this.prefetch(0, headEnd);
      this.prefetch(tailBegin, this.fileBytes);
    }
  }

  prefetch(begin: number, end: number): void {
    if (begin >= end || this.covering(begin, end)) {
      return;
    }
    const bytes = this.fetchRange(begin, end);
    // A failed prefetch is retried by the read that needs it; never an unhandled rejection.
    bytes.catch(() => undefined);
    this.fetched.push({ begin, end, bytes });
  }

  /** Bytes [begin, end), always a fresh buffer: pdf.js transfers it to its worker. */
  async read(begin: number, end: number): Promise<Uint8Array> {
    const range = this.covering(begin, end);
    if (range) {
      try {
        return (await range.bytes).slice(begin - range.begin, end - range.begin);
      } catch {
        this.fetched.splice(this.fetched.indexOf(range), 1);
      }
    }
    return this.fetchRange(begin, end);
  }

  abort(): void {
    this.abortController.abort();
  }

  private covering(begin: number, end: number): FetchedRange | undefined {
    return this.fetched.find((range) => range.begin <= begin && end <= range.end);
  }

  private async fetchRange(begin: number, end: number): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.fetchOnce(begin, end);
      } catch (error: unknown) {
        const retryable = !(error instanceof RangeFetchError) || error.retryable;
        if (attempt >= ATTEMPTS || this.abortController.signal.aborted || !retryable) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
  }

  private async fetchOnce(begin: number, end: number): Promise<Uint8Array> {
    const response = await this.fetchFn(this.url, {
      headers: { Range: `bytes=${begin}-${end - 1}` },
      credentials: 'same-origin',
      signal: this.abortController.signal,
    });
    if (response.status !== 206 && response.status !== 200) {
      // 4xx (access withdrawn, version gone) will not get better by retrying.
      throw new RangeFetchError(
        `GET ${this.url} bytes ${begin}-${end - 1}: HTTP ${response.status}`,
        response.status >= 500,
      );
    }
    const body = new Uint8Array(await response.arrayBuffer());
    // 200: the whole file (a proxy that drops Range); 206 must be exactly what was asked.
    const bytes = response.status === 200 ? body.subarray(begin, end) : body;
    if (bytes.byteLength !== end - begin) {
      throw new RangeFetchError(`GET ${this.url} bytes ${begin}-${end - 1}: got ${bytes.byteLength} bytes`, false);
    }
    return bytes;
  }
}

/**
 * pdf.js's own range transport, answered from `prefetcher`. A range that cannot be had fails the
 * whole document (`failed`): pdf.js has no error path for one range and would wait forever.
 */
export function prefetchingTransport(
  Transport: typeof PDFDataRangeTransport,
  prefetcher: RangePrefetcher,
  failed: (error: unknown) => void,
): PDFDataRangeTransport {
  const transport = new Transport(prefetcher.fileBytes, null);
  transport.requestDataRange = (begin: number, end: number) => {
    prefetcher.read(begin, end).then((bytes) => transport.onDataRange(begin, bytes), failed);
  };
  transport.abort = () => prefetcher.abort();
  return transport;
}
