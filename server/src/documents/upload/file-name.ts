const MAX_LENGTH = 200;
const MAX_EXTENSION = 16;

/**
 * The uploaded file's name as shown to people: no folders (`../../x.pdf` → `x.pdf`), NFC (macOS
 * and some Windows tools send Vietnamese with combining marks), no control or bidi-override
 * characters, bounded length. It is never used to build a path.
 */
export function cleanFileName(raw: string | undefined | null, fallback = 'tai-lieu'): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!name) return fallback;
  if (name.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= MAX_EXTENSION ? name.slice(dot) : '';
  return cutAtCodePoint(name.slice(0, name.length - extension.length), MAX_LENGTH - extension.length) + extension;
}

/** The name without its extension, as a default title. */
export function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).trim() || fileName;
}

function cutAtCodePoint(text: string, length: number): string {
  let cut = text.slice(0, length);
  // Do not leave half of a surrogate pair behind.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}
