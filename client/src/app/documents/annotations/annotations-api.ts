import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AnnotationResponse, CreateAnnotationRequest, UpdateAnnotationRequest } from '@app/shared';
import { Observable } from 'rxjs';

/** My private notes and highlights on one document: the server only ever returns the caller's own. */
@Injectable({ providedIn: 'root' })
export class AnnotationsApi {
  private readonly http = inject(HttpClient);

  list(meetingId: string, documentId: string): Observable<AnnotationResponse[]> {
    return this.http.get<AnnotationResponse[]>(base(meetingId, documentId));
  }

  create(meetingId: string, documentId: string, body: CreateAnnotationRequest): Observable<AnnotationResponse> {
    return this.http.post<AnnotationResponse>(base(meetingId, documentId), body);
  }

  update(
    meetingId: string,
    documentId: string,
    annotationId: string,
    body: UpdateAnnotationRequest,
  ): Observable<AnnotationResponse> {
    return this.http.patch<AnnotationResponse>(`${base(meetingId, documentId)}/${annotationId}`, body);
  }

  delete(meetingId: string, documentId: string, annotationId: string): Observable<void> {
    return this.http.delete<void>(`${base(meetingId, documentId)}/${annotationId}`);
  }
}

function base(meetingId: string, documentId: string): string {
  return `/api/meetings/${meetingId}/documents/${documentId}/annotations`;
}
