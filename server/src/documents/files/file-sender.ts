import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ErrorCode, ErrorResponse } from '@app/shared';
import type { Request, Response } from 'express';

import { NotFoundError } from '../../common/errors/domain-errors';

/** A file (or bytes) to send with Range, ETag and conditional-request support. */
export interface SendableFile {
  /** Either a path on disk or the bytes themselves. */
  path?: string;
  body?: Uint8Array;
  /** Strong validator: changes whenever the bytes do. */
  etag: string;
  contentType: string;
  cacheControl: string;
  /** Content-Disposition; the name is sent both as ASCII fallback and RFC 5987 UTF-8. */
  disposition?: { type: 'inline' | 'attachment'; fileName: string };
  headers?: Record<string, string>;
}

export interface SendOutcome {
  status: 200 | 206 | 304 | 416;
  /** First byte sent, for 200/206. */
  start: number | null;
}

type ByteRange = { start: number; end: number };

/**
 * Sends a file the way a PDF viewer streaming it by ranges expects: `Accept-Ranges: bytes`, one
 * `Range` per request answered 206 (several ranges: the whole file, which RFC 9110 allows), 416 for
 * a range past the end, 304 for a matching `If-None-Match`, and `If-Range` honoured.
 */
export async function sendFile(req: Request, res: Response, file: SendableFile): Promise<SendOutcome> {
  const size = file.body ? file.body.byteLength : await fileSize(file.path);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(file.headers ?? {})) res.setHeader(name, value);

  if (matchesNoneMatch(req.get('if-none-match'), file.etag)) {
    res.status(304).end();
    return { status: 304, start: null };
  }

  res.setHeader('Content-Type', file.contentType);
  if (file.disposition) res.setHeader('Content-Disposition', contentDisposition(file.disposition));
  const rangeHeader = req.get('range');
  const ifRange = req.get('if-range');
  const range = rangeHeader && (!ifRange || ifRange === file.etag) ? parseRange(rangeHeader, size) : null;
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${size}`);
    const body: ErrorResponse = {
      code: ErrorCode.RangeNotSatisfiable,
      message: `Khoảng byte không hợp lệ (tệp ${size} byte) / Range not satisfiable (the file has ${size} bytes)`,
    };
    res.status(416).json(body);
    return { status: 416, start: null };
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  } else {
    res.status(200);
  }
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return { status: range ? 206 : 200, start };
  }
  const source = file.body
    ? Readable.from([Buffer.from(file.body.buffer, file.body.byteOffset + start, end - start + 1)])
    : createReadStream(file.path as string, { start, end });
  try {
    await pipeline(source, res);
  } catch {
    // The client went away mid-transfer (a viewer cancelling ranges does that all the time).
  }
  return { status: range ? 206 : 200, start };
}

async function fileSize(path: string | undefined): Promise<number> {
  if (!path) throw new Error('sendFile: neither path nor body');
  try {
    return (await stat(path)).size;
  } catch {
    throw new NotFoundError('Không tìm thấy tệp / File not found');
  }
}

/** RFC 9110 §13.1.2: weak comparison; `*` matches any current representation. */
function matchesNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** One `bytes=` range; null when absent, malformed or a multi-range (the whole file is sent then). */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return null;
  const specs = match[1].split(',').map((spec) => spec.trim());
  if (specs.length !== 1) return null;
  const parts = /^(\d*)-(\d*)$/.exec(specs[0]);
  if (!parts || (parts[1] === '' && parts[2] === '')) return null;
  if (parts[1] === '') {
    const suffix = Number(parts[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(parts[1]);
  const end = parts[2] === '' ? size - 1 : Math.min(Number(parts[2]), size - 1);
  if (parts[2] !== '' && Number(parts[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function contentDisposition({ type, fileName }: { type: string; fileName: string }): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
