import type { DocumentDetailResponse, DocumentVersionResponse } from '@app/shared';
import type { Response } from 'supertest';

import TestAgent from 'supertest/lib/agent';

/** Collects any response body as a Buffer (supertest only buffers text and JSON by itself). */
export function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
  res.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}

export function getBinary(agent: TestAgent, url: string, headers: Record<string, string> = {}) {
  return agent.get(url).set(headers).buffer(true).parse(binaryParser);
}

export interface UploadOptions {
  fileName?: string;
  /** Sent as the part's file path (kept as is, unlike `fileName`, which form-data reduces to a base name). */
  filePath?: string;
  contentType?: string;
  fields?: Record<string, string | string[]>;
}

export function upload(agent: TestAgent, url: string, bytes: Buffer, options: UploadOptions = {}) {
  const req = agent.post(url);
  for (const [name, value] of Object.entries(options.fields ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) req.field(name, one);
  }
  const fileOptions = options.filePath
    ? { filepath: options.filePath, contentType: options.contentType ?? 'application/pdf' }
    : { filename: options.fileName ?? 'tai-lieu.pdf', contentType: options.contentType ?? 'application/pdf' };
  return req.attach('file', bytes, fileOptions as unknown as { filename: string; contentType: string });
}

/** Polls the document like the client does until the version leaves `processing`. */
export async function waitForVersion(
  agent: TestAgent,
  meetingId: string,
  documentId: string,
  version: number,
  timeoutMs = 60_000,
): Promise<{ document: DocumentDetailResponse; version: DocumentVersionResponse; seen: DocumentVersionResponse[] }> {
  const deadline = Date.now() + timeoutMs;
  const seen: DocumentVersionResponse[] = [];
  for (;;) {
    const res: Response = await agent.get(`/api/meetings/${meetingId}/documents/${documentId}`).expect(200);
    const document = res.body as DocumentDetailResponse;
    const current = document.versions.find((v) => v.number === version);
    if (!current) throw new Error(`no version ${version} in ${JSON.stringify(document)}`);
    seen.push(current);
    if (current.status !== 'processing') return { document, version: current, seen };
    if (Date.now() > deadline) throw new Error(`version ${version} still processing: ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
