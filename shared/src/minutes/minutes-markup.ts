/** One cell of a two-column line (`left || right`); a cell written `# text` is bold. */
export interface MinutesCell {
  text: string;
  bold: boolean;
}

/**
 * One line of a minutes body, as its light markup reads. The same reading makes the PDF (server) and
 * the read-only view (client):
 * - `# text` a centred bold line; `## text` / `### text` headings;
 * - `- text` a bullet; `>> text` a right-aligned line (place and date);
 * - `left || right` two centred columns (issuing body / national motto, signatures);
 * - `---` a short rule; an empty line a gap;
 * - `\text` the text as typed, whatever it starts with.
 */
export type MinutesLine =
  | { kind: 'blank' }
  | { kind: 'rule' }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'right'; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'columns'; left: MinutesCell; right: MinutesCell }
  | { kind: 'paragraph'; text: string };

export function parseMinutesMarkup(body: string): MinutesLine[] {
  return body
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .split('\n')
    .map((raw): MinutesLine => {
      const line = raw.replace(/\s+$/, '');
      if (line.startsWith('\\')) return { kind: 'paragraph', text: line.slice(1).trim() };
      if (!line.trim()) return { kind: 'blank' };
      if (/^\s*---+$/.test(line)) return { kind: 'rule' };
      const columns = line.indexOf('||');
      if (columns >= 0) {
        return { kind: 'columns', left: cell(line.slice(0, columns)), right: cell(line.slice(columns + 2)) };
      }
      const text = line.trimStart();
      const heading = /^(#{1,3}) (.*)$/.exec(text);
      if (heading) return { kind: 'heading', level: heading[1].length as 1 | 2 | 3, text: heading[2].trim() };
      if (text.startsWith('>> ')) return { kind: 'right', text: text.slice(3).trim() };
      if (text.startsWith('- ')) return { kind: 'bullet', text: text.slice(2).trim() };
      return { kind: 'paragraph', text: line.trim() };
    });
}

function cell(raw: string): MinutesCell {
  const text = raw.trim();
  return text.startsWith('# ') ? { text: text.slice(2).trim(), bold: true } : { text, bold: false };
}
