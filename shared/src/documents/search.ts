import * as z from 'zod';

import { foldQuery } from './text-fold';

export const SEARCH_QUERY_MIN = 2;
export const SEARCH_QUERY_MAX = 100;

/** `GET /api/meetings/:meetingId/search?q=...`: diacritics and case are ignored. */
export const SearchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(SEARCH_QUERY_MAX)
      .refine((q) => foldQuery(q).length >= SEARCH_QUERY_MIN, {
        message: `Nhập ít nhất ${SEARCH_QUERY_MIN} ký tự / Type at least ${SEARCH_QUERY_MIN} characters`,
      }),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export interface SearchHitResponse {
  documentId: string;
  title: string;
  version: number;
  page: number;
  /** Cut from the page's original text around the first hit; `…` marks a cut. */
  snippet: string;
  /** Where the hit is inside `snippet` (UTF-16 offsets), to highlight it. */
  matchStart: number;
  matchLength: number;
  /** Hits on this page. */
  matches: number;
}
