import { cleanFileName, titleFromFileName } from './file-name';

describe('cleanFileName', () => {
  it('drops any folder part, POSIX or Windows', () => {
    expect(cleanFileName('../../x.pdf')).toBe('x.pdf');
    expect(cleanFileName('C:\\Users\\thu\\..\\Tờ trình.pdf')).toBe('Tờ trình.pdf');
    expect(cleanFileName('/etc/passwd')).toBe('passwd');
  });

  it('composes Vietnamese sent with combining marks (NFD → NFC)', () => {
    const nfd = 'Quyết định số 12.pdf'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan('Quyết định số 12.pdf'.length);
    expect(cleanFileName(nfd)).toBe('Quyết định số 12.pdf'.normalize('NFC'));
  });

  it('removes control and bidi-override characters, leading dots and extra spaces', () => {
    expect(cleanFileName('bao\u0000cao\u202e.pdf')).toBe('baocao.pdf');
    expect(cleanFileName('  ..hidden   file.pdf ')).toBe('hidden file.pdf');
    expect(cleanFileName('..')).toBe('tai-lieu');
    expect(cleanFileName(undefined)).toBe('tai-lieu');
  });

  it('bounds the length and keeps the extension', () => {
    const long = `${'Báo cáo '.repeat(60)}.docx`;
    const clean = cleanFileName(long);
    expect(clean.length).toBeLessThanOrEqual(200);
    expect(clean.endsWith('.docx')).toBe(true);
  });

  it('gives a title without the extension', () => {
    expect(titleFromFileName('Tờ trình.pdf')).toBe('Tờ trình');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
  });
});
