import { foldQuery, foldText } from '@app/shared';

import { countOccurrences, cutSnippet } from './snippet';

describe('cutSnippet', () => {
  const text =
    'Ủy ban nhân dân huyện Sông Lam kính trình Hội đồng nhân dân huyện xem xét, Quyết định kế hoạch đầu tư công năm 2027 như sau, gồm các dự án tại các xã.';

  it('cuts the original text around a hit found in the folded copy', () => {
    const needle = foldQuery('quyet dinh');
    const index = foldText(text).indexOf(needle);
    const { snippet, matchStart } = cutSnippet(text, index, needle.length, 30);
    expect(snippet.slice(matchStart, matchStart + needle.length)).toBe('Quyết định');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('does not mark a cut at the start or end of the page', () => {
    const { snippet, matchStart } = cutSnippet(text, 0, 6, 500);
    expect(snippet).toBe(text);
    expect(matchStart).toBe(0);
  });

  it('counts every hit on a page', () => {
    expect(countOccurrences(foldText(text), 'huyen')).toBe(2);
  });
});
