import { foldQuery, foldText, normalizeText, SearchQuerySchema } from '../index';

describe('foldText', () => {
  it('ignores Vietnamese diacritics and case, and folds đ to d', () => {
    expect(foldText('Quyết định')).toBe('quyet dinh');
    expect(foldText('ĐỒNG Ý, Đường')).toBe('dong y, duong');
    expect(foldText('Ủy ban nhân dân huyện Sông Lam')).toBe('uy ban nhan dan huyen song lam');
  });

  it('keeps one output character per NFC input character, so offsets map back', () => {
    const samples = ['Nghị quyết số 12/NQ-HĐND', 'Tờ trình\tkế hoạch\nđầu tư', 'Kế hoạch 😀 2027', 'İstanbul'];
    for (const sample of samples) expect(foldText(sample)).toHaveLength(sample.normalize('NFC').length);
  });

  it('treats text with combining marks (NFD) like composed text', () => {
    expect(foldText('Quyết định'.normalize('NFD'))).toBe('quyet dinh');
  });

  it('normalises page text and queries the same way', () => {
    expect(normalizeText('  Quyết\n\n  định  ')).toBe('Quyết định');
    expect(foldQuery('  QUYẾT   ĐỊNH ')).toBe('quyet dinh');
  });
});

describe('SearchQuerySchema', () => {
  it('needs at least two characters once folded and at most 100', () => {
    expect(SearchQuerySchema.safeParse({ q: ' a ' }).success).toBe(false);
    expect(SearchQuerySchema.safeParse({ q: 'x'.repeat(101) }).success).toBe(false);
    expect(SearchQuerySchema.parse({ q: ' đị ' })).toEqual({ q: 'đị', limit: 30 });
  });
});
