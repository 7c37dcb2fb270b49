const CONTEXT_CHARS = 80;

export interface Snippet {
  snippet: string;
  matchStart: number;
}

/**
 * Cuts the original text around a hit found at `index` in its folded copy (same offsets), at word
 * boundaries where it can, marking cuts with "…".
 */
export function cutSnippet(text: string, index: number, length: number, context = CONTEXT_CHARS): Snippet {
  let start = Math.max(0, index - context);
  let end = Math.min(text.length, index + length + context);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < index) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space >= index + length) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return { snippet: prefix + text.slice(start, end) + suffix, matchStart: index - start + prefix.length };
}

export function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
