/**
 * Diacritic- and case-insensitive matching for Vietnamese text. `foldText` keeps exactly one output
 * UTF-16 unit per input unit of the NFC text, so an offset found in the folded copy is the same
 * offset in the original: the server cuts search snippets from the original with it, and the client
 * can highlight hits in the text layer the same way.
 */

const cache = new Map<string, string>();

function foldUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : unit;
  let folded = cache.get(unit);
  if (folded !== undefined) return folded;
  if (unit === 'đ' || unit === 'Đ') folded = 'd';
  else if (/\s/.test(unit)) folded = ' ';
  else {
    // The first unit of the canonical decomposition is the base letter ("ế" → "e" + marks).
    const base = unit.normalize('NFD')[0] ?? unit;
    const lower = base.toLowerCase();
    folded = lower.length === 1 ? lower : base.length === 1 ? base : unit;
  }
  cache.set(unit, folded);
  return folded;
}

/** Lower-cased, without diacritics, "đ" → "d", any whitespace → " ". Same length as `text` once NFC. */
export function foldText(text: string): string {
  const nfc = text.normalize('NFC');
  let out = '';
  for (let i = 0; i < nfc.length; i++) out += foldUnit(nfc[i]);
  return out;
}

/** The text of a page as stored and shown: NFC, whitespace runs collapsed to one space, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A query in the form it is looked up in folded text. */
export function foldQuery(query: string): string {
  return foldText(normalizeText(query));
}
