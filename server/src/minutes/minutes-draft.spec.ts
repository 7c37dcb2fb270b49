import { BLANK, countWithPercent, draftMinutes, vietnameseDateTime } from './minutes-draft';
import { closedPoll, minutesFacts, OPENED } from './testing/minutes-facts.stub';

/** The lines between a heading (inclusive) and the next heading of the same or a higher level. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`no "${heading}" in:\n${text}`);
  const level = heading.match(/^#+/)?.[0].length ?? 0;
  const end = lines.findIndex(
    (l, i) => i > start && /^#+ /.test(l) && (l.match(/^#+/)?.[0].length ?? 9) <= level && !l.includes('||'),
  );
  return lines.slice(start, end < 0 ? undefined : end).filter(Boolean);
}

describe('draftMinutes', () => {
  const text = draftMinutes(minutesFacts());

  it('opens with the national motto, the issuing body, the title and when, where and how', () => {
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '# UBND HUYỆN SÔNG LAM || # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      ' || # Độc lập - Tự do - Hạnh phúc',
      '---',
    ]);
    expect(lines).toContain('# BIÊN BẢN CUỘC HỌP');
    expect(lines).toContain('# Kỳ họp thứ Mười hai, Hội đồng nhân dân huyện');
    expect(section(text, '## I.')).toEqual([
      '## I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC',
      '- Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 23 tháng 11 năm 2026.',
      '- Địa điểm: Hội trường UBND huyện Sông Lam.',
      '- Hình thức: Họp trực tiếp kết hợp trực tuyến.',
      '- Đơn vị tổ chức: UBND huyện Sông Lam.',
    ]);
  });

  it('lists who attended in person, online and at a commune site, and who was absent and why', () => {
    expect(section(text, '## II.')).toEqual([
      '## II. THÀNH PHẦN THAM DỰ',
      '- Chủ trì: Trần Văn Đức – UBND huyện Sông Lam.',
      '- Thư ký: Nguyễn Thị Thu – UBND huyện Sông Lam.',
      '- Số thành viên có quyền biểu quyết: 4; có mặt: 3 (75%).',
      '### 1. Có mặt trực tiếp: 2',
      '- Trần Văn Đức – UBND huyện Sông Lam (Chủ trì)',
      '- Nguyễn Thị Thu – UBND huyện Sông Lam (Thư ký)',
      '### 2. Tham dự trực tuyến: 1',
      '- Lê Hoàng Phương – UBND huyện Sông Lam',
      '### 3. Tham dự tại điểm cầu: 1',
      '- Điểm cầu Xã An Bình: Đỗ Văn Hòa',
      '### 4. Vắng mặt: 1',
      '- Phạm Thị Mai – UBND huyện Sông Lam – lý do: Đi công tác tỉnh; ủy quyền biểu quyết cho Lê Hoàng Phương',
    ]);
  });

  it('names members nobody checked in, and absences without a reason', () => {
    const facts = minutesFacts();
    facts.attendance = facts.attendance.map((a) =>
      a.participantId === 'p-mai'
        ? { ...a, reason: null, proxyHolderId: null }
        : a.participantId === 'p-phuong'
          ? { ...a, status: 'unknown' }
          : a,
    );
    const lines = draftMinutes(facts).split('\n');
    expect(lines).toContain('- Phạm Thị Mai – UBND huyện Sông Lam – không có lý do');
    expect(lines).toContain('### 5. Chưa ghi nhận điểm danh: 1');
    expect(lines).toContain('- Số thành viên có quyền biểu quyết: 4; có mặt: 2 (50%).');
  });

  it('writes each agenda item in order with its speeches, vote results and conclusion', () => {
    expect(section(text, '### 1. Tờ trình')).toEqual([
      '### 1. Tờ trình kế hoạch đầu tư công 2027',
      'Trình bày: Phòng Tài chính.',
      'Ý kiến phát biểu:',
      `- Đỗ Văn Hòa – UBND xã An Bình (phát biểu, 08:10–08:13, 3 phút): ${BLANK}`,
      `- Lê Hoàng Phương – UBND huyện Sông Lam (đặt câu hỏi, 08:15–08:19, 4 phút): ${BLANK}`,
      'Kết quả biểu quyết:',
      '- Nội dung biểu quyết: Thông qua Tờ trình kế hoạch đầu tư công năm 2027 (biểu quyết công khai).',
      '- Số thành viên có quyền biểu quyết: 3; số phiếu: 3.',
      '- Tán thành: 2 (66,67%).',
      '- Không tán thành: 1 (33,33%).',
      '- Không biểu quyết: 0 (0%).',
      // A conclusion line that would read as markup is escaped.
      'Kết luận: Thống nhất thông qua kế hoạch.',
      '\\# Giao Phòng Tài chính hoàn thiện hồ sơ.',
    ]);
    expect(section(text, '### 2. Báo cáo')).toEqual([
      '### 2. Báo cáo kinh tế - xã hội 9 tháng',
      'Ý kiến phát biểu:',
      '- Không có ý kiến phát biểu.',
      `Kết luận: ${BLANK}`,
    ]);
    expect(text.indexOf('### 1. Tờ trình')).toBeLessThan(text.indexOf('### 2. Báo cáo'));
  });

  it('counts members who did not vote as "không biểu quyết", and names voters of a named poll', () => {
    const named = closedPoll({
      kind: 'named',
      eligible: 4,
      ballots: 3,
      counts: { yes: 1, no: 1, abstain: 1 },
      votes: [
        { memberParticipantId: 'a', memberName: 'Trần Văn Đức', castByName: 'Trần Văn Đức', choices: ['yes'] },
        { memberParticipantId: 'b', memberName: 'Phạm Thị Mai', castByName: 'Lê Hoàng Phương', choices: ['no'] },
        { memberParticipantId: 'c', memberName: 'Đỗ Văn Hòa', castByName: 'Đỗ Văn Hòa', choices: ['abstain'] },
      ],
    });
    const lines = draftMinutes(minutesFacts({ polls: [named] })).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '- Nội dung biểu quyết: Thông qua Tờ trình kế hoạch đầu tư công năm 2027 (biểu quyết ghi danh).',
        '- Tán thành: 1 (25%) – Trần Văn Đức.',
        '- Không tán thành: 1 (25%) – Phạm Thị Mai.',
        '- Không biểu quyết: 2 (50%) (1 phiếu không biểu quyết, 1 không bỏ phiếu) – Đỗ Văn Hòa.',
      ]),
    );
  });

  it('lists the options of a custom-choice poll, and gives a secret poll counts without names', () => {
    const custom = closedPoll({
      kind: 'secret',
      agendaItemId: 'item-2',
      question: 'Chọn phương án',
      options: [
        { key: 'a', label: 'Phương án A' },
        { key: 'b', label: 'Phương án B' },
      ],
      eligible: 4,
      ballots: 3,
      counts: { a: 3, b: 0 },
    });
    expect(section(draftMinutes(minutesFacts({ polls: [custom] })), '### 2. Báo cáo')).toEqual(
      expect.arrayContaining([
        '- Nội dung biểu quyết: Chọn phương án (bỏ phiếu kín).',
        '- Phương án A: 3 (75%).',
        '- Phương án B: 0 (0%).',
        '- Không tham gia biểu quyết: 1 (25%).',
      ]),
    );
  });

  it('keeps speeches and polls outside any agenda item under "Nội dung khác"', () => {
    const facts = minutesFacts({ polls: [closedPoll({ agendaItemId: null, question: 'Thủ tục' })] });
    facts.speeches.push({ ...facts.speeches[0], agendaItemId: null, kind: 'point_of_order' });
    const other = section(draftMinutes(facts), '### 3. Nội dung khác');
    expect(other).toEqual(
      expect.arrayContaining([
        `- Lê Hoàng Phương – UBND huyện Sông Lam (ý kiến về thủ tục, 08:15–08:19, 4 phút): ${BLANK}`,
        '- Nội dung biểu quyết: Thủ tục (biểu quyết công khai).',
      ]),
    );
    expect(other.some((l) => l.startsWith('Kết luận'))).toBe(false);
  });

  it('ends with the closing time and both signatures; a live meeting leaves the time to fill in', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines).toContain('Cuộc họp kết thúc lúc 11 giờ 30 phút, ngày 23 tháng 11 năm 2026.');
    expect(lines.slice(-1)).toEqual(['# Nguyễn Thị Thu || # Trần Văn Đức']);
    expect(lines).toContain('# THƯ KÝ || # CHỦ TRÌ');

    const live = minutesFacts();
    live.meeting.closedAt = null;
    expect(draftMinutes(live)).toContain('Cuộc họp kết thúc lúc …… giờ …… phút, ngày 23 tháng 11 năm 2026.');
  });

  it('keeps typed text from breaking the layout: no column split, no heading', () => {
    const facts = minutesFacts();
    facts.meeting.title = 'Họp  A || B\n# C';
    const lines = draftMinutes(facts).split('\n');
    expect(lines).toContain('# Họp A ‖ B # C');
  });

  it('formats Hanoi times and percentages the Vietnamese way', () => {
    expect(vietnameseDateTime(new Date('2026-11-22T17:05:00Z'))).toBe('00 giờ 05 phút, ngày 23 tháng 11 năm 2026');
    expect(vietnameseDateTime(OPENED)).toBe('08 giờ 00 phút, ngày 23 tháng 11 năm 2026');
    expect(countWithPercent(1, 3)).toBe('1 (33,33%)');
    expect(countWithPercent(0, 0)).toBe('0');
  });
});
