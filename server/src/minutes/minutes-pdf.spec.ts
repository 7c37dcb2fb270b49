import { readFile } from 'node:fs/promises';

import { loadConfig } from '../config/app-config';
import { draftMinutes } from './minutes-draft';
import { MARGIN, MinutesFonts, PAGE, renderMinutesPdf } from './minutes-pdf';
import { inspectPdf } from './testing/pdf-inspect';
import { minutesFacts } from './testing/minutes-facts.stub';

describe('renderMinutesPdf', () => {
  let fonts: MinutesFonts;

  beforeAll(async () => {
    // The configured defaults: Debian's fonts-dejavu-core, installed by scripts/install.sh.
    const config = loadConfig({});
    fonts = { regular: await readFile(config.pdfFonts.regular), bold: await readFile(config.pdfFonts.bold) };
  });

  it('prints the Vietnamese text with its diacritics, from embedded fonts, on A4', async () => {
    const pdf = await renderMinutesPdf(draftMinutes(minutesFacts()), fonts, { title: 'Biên bản', draft: false });
    const read = await inspectPdf(pdf);
    for (const phrase of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN CUỘC HỌP',
      'Tán thành: 2 (66,67%).',
      'Không tán thành: 1 (33,33%).',
      'Lê Hoàng Phương',
      'Phạm Thị Mai – UBND huyện Sông Lam – lý do: Đi công tác tỉnh',
      'Cuộc họp kết thúc lúc 11 giờ 30 phút, ngày 23 tháng 11 năm 2026.',
      // The escaped markup line prints as typed, without its backslash.
      '# Giao Phòng Tài chính hoàn thiện hồ sơ.',
    ]) {
      expect(read.text.replace(/\s+/g, ' ')).toContain(phrase);
    }
    expect(read.text).not.toContain('DỰ THẢO');
    expect(read.fonts.map((f) => [f.name.replace(/-\d+$/, ''), f.embedded]).sort()).toEqual([
      ['DejaVuSans', true],
      ['DejaVuSans-Bold', true],
    ]);
    expect(read.pageSize.width).toBeCloseTo(PAGE.width, 0);
    expect(read.pageSize.height).toBeCloseTo(PAGE.height, 0);
    expect(read.pages).toBe(2);
    expect(read.text).toContain('Trang 1/2');
    expect(read.text).toContain('Trang 2/2');
  });

  it('wraps long lines inside the margins and breaks pages, numbering each one', async () => {
    const long = Array.from(
      { length: 60 },
      (_, i) =>
        `- Ý kiến thứ ${i + 1}: đề nghị làm rõ nguồn vốn, tiến độ giải ngân và trách nhiệm của từng phòng ban trong năm 2027.`,
    ).join('\n');
    const unbroken = 'X'.repeat(300);
    const pdf = await renderMinutesPdf(`# BIÊN BẢN\n${long}\n${unbroken}\n# Hết`, fonts, { title: 't', draft: true });
    const read = await inspectPdf(pdf);
    expect(read.pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= read.pages; page++) {
      expect(read.text).toContain(`Trang ${page}/${read.pages}`);
      expect(read.words.filter((w) => w.page === page && w.text === 'DỰ')).toHaveLength(1);
    }
    const right = PAGE.width - MARGIN.right + 0.5;
    const bottom = PAGE.height - MARGIN.bottom + 2;
    const body = read.words.filter((w) => !/^(Trang|\d+\/\d+)$/.test(w.text));
    expect(body.filter((w) => w.xMax > right || w.xMin < MARGIN.left - 0.5)).toEqual([]);
    expect(body.filter((w) => w.yMax > bottom || w.yMin < MARGIN.top / 2 - 12)).toEqual([]);
    // Every sentence made it, in order; the 300-letter word was cut into lines, none lost.
    const text = read.text.replace(/\s+/g, ' ');
    for (let i = 1; i <= 60; i++) expect(text).toContain(`Ý kiến thứ ${i}:`);
    expect(read.text.replace(/[^X]/g, '')).toHaveLength(300);
    expect(text.trim().indexOf('Hết')).toBeGreaterThan(text.indexOf('Ý kiến thứ 60'));
  });
});
