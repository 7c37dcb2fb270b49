import { HttpClient, HttpEvent, HttpEventType, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  DocumentDetailResponse,
  DocumentResponse,
  ReadReceiptResponse,
  SearchHitResponse,
  UpdateDocumentRequest,
  UploadDocumentFields,
} from '@app/shared';
import { filter, map, Observable } from 'rxjs';

/** What an upload reports: bytes sent so far, then the stored document (its processing still to come). */
export type UploadEvent =
  | { kind: 'progress'; loaded: number; total: number }
  | { kind: 'uploaded'; document: DocumentResponse };

/** The upload form's values; `readerIds` only matter when `visibility` is `named`. */
export type UploadDocumentInput = Partial<UploadDocumentFields>;

/** HTTP client of the documents feature: `/api/meetings/:meetingId/documents` and search. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(meetingId: string): Observable<DocumentResponse[]> {
    return this.http.get<DocumentResponse[]>(`${base(meetingId)}`);
  }

  get(meetingId: string, documentId: string): Observable<DocumentDetailResponse> {
    return this.http.get<DocumentDetailResponse>(`${base(meetingId)}/${documentId}`);
  }

  /** Multipart upload with real byte progress (`reportProgress`). */
  upload(meetingId: string, file: File, fields: UploadDocumentInput): Observable<UploadEvent> {
    return this.send(`${base(meetingId)}`, file, fields);
  }

  /** A new version of an existing document; readers get it once processed. */
  uploadVersion(meetingId: string, documentId: string, file: File): Observable<UploadEvent> {
    return this.send(`${base(meetingId)}/${documentId}/versions`, file, {});
  }

  update(meetingId: string, documentId: string, body: UpdateDocumentRequest): Observable<DocumentResponse> {
    return this.http.patch<DocumentResponse>(`${base(meetingId)}/${documentId}`, body);
  }

  delete(meetingId: string, documentId: string): Observable<void> {
    return this.http.delete<void>(`${base(meetingId)}/${documentId}`);
  }

  /** Who opened which version, first and last time (chair and secretary only). */
  receipts(meetingId: string, documentId: string): Observable<ReadReceiptResponse[]> {
    return this.http.get<ReadReceiptResponse[]>(`${base(meetingId)}/${documentId}/receipts`);
  }

  /** `GET /api/meetings/:meetingId/search?q=`: the server ignores case and Vietnamese diacritics. */
  search(meetingId: string, q: string): Observable<SearchHitResponse[]> {
    return this.http.get<SearchHitResponse[]>(`/api/meetings/${meetingId}/search`, {
      params: new HttpParams().set('q', q),
    });
  }

  /** The PDF of one version (Range-capable, linearized), for pdf.js to fetch in chunks. */
  fileUrl(meetingId: string, documentId: string, version: number): string {
    return `${base(meetingId)}/${documentId}/file?version=${version}`;
  }

  thumbnailUrl(meetingId: string, documentId: string, version: number, page: number): string {
    return `${base(meetingId)}/${documentId}/versions/${version}/pages/${page}/thumbnail`;
  }

  /** The document with my notes and highlights drawn in. */
  myCopyUrl(meetingId: string, documentId: string, version: number): string {
    return `${base(meetingId)}/${documentId}/my-copy?version=${version}`;
  }

  private send(url: string, file: File, fields: UploadDocumentInput): Observable<UploadEvent> {
    const form = new FormData();
    // Text fields first: the server reads them before it streams the file to disk.
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || value === null) {
        continue;
      }
      if (Array.isArray(value)) {
        value.forEach((item) => form.append(key, item));
      } else {
        form.append(key, String(value));
      }
    }
    form.append('file', file, file.name);
    return this.http.post<DocumentResponse>(url, form, { reportProgress: true, observe: 'events' }).pipe(
      map((event) => toUploadEvent(event, file.size)),
      filter((event): event is UploadEvent => event !== null),
    );
  }
}

function base(meetingId: string): string {
  return `/api/meetings/${meetingId}/documents`;
}

function toUploadEvent(event: HttpEvent<DocumentResponse>, size: number): UploadEvent | null {
  if (event.type === HttpEventType.UploadProgress) {
    return { kind: 'progress', loaded: event.loaded, total: event.total ?? size };
  }
  if (event.type === HttpEventType.Response && event.body) {
    return { kind: 'uploaded', document: event.body };
  }
  return null;
}
