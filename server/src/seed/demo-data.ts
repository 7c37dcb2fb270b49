import type { MeetingRole, UserRole } from '@app/shared';

/** The demo district: fictional names, real Vietnamese administrative wording. */
export const DEMO_DISTRICT = 'Huyện Sông Lam';

export const DEMO_COMMUNES = [
  'Xã An Bình',
  'Xã Bình Minh',
  'Xã Cẩm Phú',
  'Xã Đông Hưng',
  'Xã Giang Sơn',
  'Xã Hòa Lạc',
  'Xã Hưng Đạo',
  'Xã Kim Liên',
  'Xã Lam Thủy',
  'Xã Nghĩa Đồng',
  'Xã Phúc Thọ',
  'Xã Quỳnh Lưu',
  'Xã Thượng Tân',
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: UserRole;
  /** Index into DEMO_COMMUNES, or null for the district. */
  commune: number | null;
  /** The role in the demo meeting; null: not invited to it. */
  meetingRole: MeetingRole | null;
  votingMember: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'quantri',
    displayName: 'Quản trị hệ thống',
    role: 'admin',
    commune: null,
    meetingRole: 'guest',
    votingMember: false,
  },
  {
    username: 'thuky',
    displayName: 'Nguyễn Thị Thu',
    role: 'secretary',
    commune: null,
    meetingRole: 'secretary',
    votingMember: false,
  },
  {
    username: 'chutoa',
    displayName: 'Trần Văn Đức',
    role: 'chair',
    commune: null,
    meetingRole: 'chair',
    votingMember: true,
  },
  {
    username: 'daibieu',
    displayName: 'Lê Hoàng Phương',
    role: 'delegate',
    commune: null,
    meetingRole: 'delegate',
    votingMember: true,
  },
  {
    username: 'daibieu2',
    displayName: 'Phạm Thị Mai',
    role: 'delegate',
    commune: null,
    meetingRole: 'delegate',
    votingMember: true,
  },
  {
    username: 'khach',
    displayName: 'Vũ Minh Khách',
    role: 'guest',
    commune: null,
    meetingRole: null,
    votingMember: false,
  },
  {
    username: 'xa.anbinh',
    displayName: 'Điểm cầu Xã An Bình',
    role: 'commune_site',
    commune: 0,
    meetingRole: 'site',
    votingMember: false,
  },
];

export const DEMO_MEETING = {
  title: 'Kỳ họp thứ Mười hai Hội đồng nhân dân huyện Sông Lam khóa XX',
  place: 'Hội trường tầng 3, UBND huyện Sông Lam',
  mode: 'hybrid' as const,
  /** Days from the seeding day; 08:00–11:30 Hanoi time (UTC+7). */
  inDays: 7,
  startUtcHour: 1,
  durationMinutes: 210,
};

export interface DemoDocument {
  title: string;
  fileName: string;
  /** Index of the agenda item it belongs to. */
  agendaItem: number;
  heading: string;
  sections: { title: string; paragraphs: string[] }[];
}

export const DEMO_AGENDA = [
  {
    title: 'Thông qua Tờ trình về kế hoạch đầu tư công năm 2027',
    presenter: 'Phó Chủ tịch UBND huyện',
    plannedMinutes: 60,
    description: 'Thảo luận và biểu quyết dự thảo Nghị quyết về kế hoạch đầu tư công.',
  },
  {
    title: 'Báo cáo tình hình kinh tế – xã hội 9 tháng đầu năm',
    presenter: 'Trưởng phòng Tài chính – Kế hoạch',
    plannedMinutes: 45,
    description: 'Đánh giá kết quả thực hiện và nhiệm vụ trọng tâm quý IV.',
  },
  {
    title: 'Chất vấn và trả lời chất vấn',
    presenter: 'Chủ tọa kỳ họp',
    plannedMinutes: 60,
    description: 'Đại biểu và các điểm cầu xã đặt câu hỏi; lãnh đạo các phòng, ban trả lời.',
  },
];

const projectParagraphs = (commune: string, n: number) => [
  `Dự án số ${n}: nâng cấp tuyến đường liên xã qua ${commune}, chiều dài khoảng ${3 + (n % 5)},${n % 10} km, mặt đường bê tông xi măng rộng 5,5 m. Tổng mức đầu tư dự kiến ${12 + n} tỷ đồng từ nguồn ngân sách huyện và vốn đối ứng của xã.`,
  `Sự cần thiết: tuyến đường hiện đã xuống cấp, ảnh hưởng đến việc đi lại của Nhân dân và vận chuyển nông sản. Việc đầu tư phù hợp với quy hoạch sử dụng đất và kế hoạch đầu tư công trung hạn đã được Hội đồng nhân dân huyện thông qua.`,
  `Tiến độ: khởi công quý II năm 2027, hoàn thành quý IV năm 2027. Ủy ban nhân dân ${commune} chịu trách nhiệm phối hợp giải phóng mặt bằng và vận động Nhân dân hiến đất.`,
];

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    title: 'Tờ trình kế hoạch đầu tư công năm 2027',
    fileName: 'To-trinh-ke-hoach-dau-tu-cong-2027.pdf',
    agendaItem: 0,
    heading: 'TỜ TRÌNH\nVề việc đề nghị thông qua Quyết định kế hoạch đầu tư công năm 2027',
    sections: [
      {
        title: 'I. Căn cứ pháp lý',
        paragraphs: [
          'Căn cứ Luật Tổ chức chính quyền địa phương; Luật Đầu tư công và các văn bản hướng dẫn thi hành.',
          'Căn cứ Nghị quyết của Hội đồng nhân dân tỉnh về nguyên tắc, tiêu chí và định mức phân bổ vốn đầu tư công nguồn ngân sách địa phương giai đoạn 2026–2030.',
          'Ủy ban nhân dân huyện Sông Lam kính trình Hội đồng nhân dân huyện xem xét, Quyết định kế hoạch đầu tư công năm 2027 như sau.',
        ],
      },
      ...DEMO_COMMUNES.slice(0, 8).map((commune, i) => ({
        title: `II.${i + 1}. Danh mục dự án tại ${commune}`,
        paragraphs: projectParagraphs(commune, i + 1),
      })),
      {
        title: 'III. Đề nghị',
        paragraphs: [
          'Ủy ban nhân dân huyện kính trình Hội đồng nhân dân huyện xem xét, thảo luận và biểu quyết thông qua dự thảo Nghị quyết kèm theo Tờ trình này.',
          'Nơi nhận: Thường trực HĐND huyện; các đại biểu HĐND huyện; Ủy ban nhân dân các xã; lưu Văn thư.',
        ],
      },
    ],
  },
  {
    title: 'Báo cáo kinh tế – xã hội 9 tháng đầu năm',
    fileName: 'Bao-cao-kinh-te-xa-hoi-9-thang.pdf',
    agendaItem: 1,
    heading: 'BÁO CÁO\nTình hình kinh tế – xã hội 9 tháng đầu năm và nhiệm vụ trọng tâm quý IV',
    sections: DEMO_COMMUNES.map((commune, i) => ({
      title: `${i + 1}. Kết quả tại ${commune}`,
      paragraphs: [
        `Sản xuất nông nghiệp: diện tích lúa vụ mùa đạt ${420 + i * 13} ha, năng suất bình quân ${55 + (i % 6)} tạ/ha; chăn nuôi ổn định, không để xảy ra dịch bệnh lớn.`,
        `Thu ngân sách trên địa bàn ước đạt ${70 + (i % 25)}% dự toán; công tác cải cách hành chính và chuyển đổi số được đẩy mạnh, tỷ lệ hồ sơ trực tuyến toàn trình đạt ${40 + i}%.`,
        'Văn hóa – xã hội: duy trì tốt phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”; các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời.',
      ],
    })),
  },
];
