import type { DocumentResponse } from '@app/shared';

import type { ApiSession } from './api-session';

/** Uploads a PDF as the secretary would and waits until the server has ingested it. */
export async function uploadAndWaitReady(
  session: ApiSession,
  meetingId: string,
  pdf: Uint8Array,
  fileName: string,
): Promise<string> {
  const form = new FormData();
  form.append('title', fileName.replace(/\.pdf$/, ''));
  form.append('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), fileName);
  const created = await session.request<DocumentResponse>('POST', `/api/meetings/${meetingId}/documents`, { form });
  const deadline = Date.now() + 300_000;
  for (;;) {
    const doc = await session.request<DocumentResponse>('GET', `/api/meetings/${meetingId}/documents/${created.id}`);
    if (doc.status === 'ready') return doc.id;
    if (doc.status === 'failed') throw new Error(`ingest failed: ${JSON.stringify(doc)}`);
    if (Date.now() > deadline) throw new Error('ingest did not finish within 300 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
