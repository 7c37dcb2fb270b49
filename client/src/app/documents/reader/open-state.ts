import { DocumentResponse } from '@app/shared';

/**
 * Router state of a tap on a listed document. With it the reader starts fetching the file (and its
 * first-page ranges) at once, one round trip before its own request for the document returns.
 */
export interface ReaderOpenState {
  listed: DocumentResponse;
}

export function listedDocument(state: unknown, documentId: string): DocumentResponse | null {
  const listed = (state as Partial<ReaderOpenState> | undefined)?.listed;
  return listed?.id === documentId ? listed : null;
}
