import { parseMinutesMarkup } from './minutes-markup';

describe('parseMinutesMarkup', () => {
  it('reads each line of the light markup', () => {
    expect(parseMinutesMarkup('# A\n## B\n### C\n- D\n>> E\nF || # G\n---\n\\# H\n\n  I  \n####x')).toEqual([
      { kind: 'heading', level: 1, text: 'A' },
      { kind: 'heading', level: 2, text: 'B' },
      { kind: 'heading', level: 3, text: 'C' },
      { kind: 'bullet', text: 'D' },
      { kind: 'right', text: 'E' },
      { kind: 'columns', left: { text: 'F', bold: false }, right: { text: 'G', bold: true } },
      { kind: 'rule' },
      { kind: 'paragraph', text: '# H' },
      { kind: 'blank' },
      { kind: 'paragraph', text: 'I' },
      { kind: 'paragraph', text: '####x' },
    ]);
  });

  it('keeps an empty column, Windows line ends and decomposed Vietnamese (NFC)', () => {
    expect(parseMinutesMarkup(' || # Độc lập\r\nBie\u0302n ba\u0309n')).toEqual([
      { kind: 'columns', left: { text: '', bold: false }, right: { text: 'Độc lập', bold: true } },
      { kind: 'paragraph', text: 'Biên bản' },
    ]);
  });
});
