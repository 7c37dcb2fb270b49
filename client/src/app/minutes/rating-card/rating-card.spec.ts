import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MeetingDetailResponse, RatingResponse, RatingSummaryResponse } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { MEETING_ID, meetingDetailStub } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { RatingCard, ratingBars } from './rating-card';

const RATING = `/api/meetings/${MEETING_ID}/rating`;
const SUMMARY = `/api/meetings/${MEETING_ID}/ratings/summary`;
const NOT_FOUND = { status: 404, statusText: 'Not Found' };

function rating(overrides: Partial<RatingResponse> = {}): RatingResponse {
  return { meetingId: MEETING_ID, score: 5, comment: 'Điều hành tốt', updatedAt: '2026-11-23T05:00:00Z', ...overrides };
}

function summary(overrides: Partial<RatingSummaryResponse> = {}): RatingSummaryResponse {
  return {
    meetingId: MEETING_ID,
    count: 3,
    average: 3.33,
    distribution: [0, 1, 1, 0, 1],
    comments: [
      { score: 5, comment: 'Điều hành tốt, đúng giờ', at: '2026-11-23T05:00:00Z' },
      { score: 2, comment: 'Âm thanh điểm cầu bị rè', at: '2026-11-23T04:00:00Z' },
    ],
    participants: 5,
    ...overrides,
  };
}

describe('RatingCard', () => {
  let fixture: ComponentFixture<RatingCard>;
  let http: HttpTestingController;

  async function open(meeting: MeetingDetailResponse, mine: RatingResponse | null) {
    TestBed.configureTestingModule({ imports: [RatingCard, translocoTesting()], providers: [provideAppHttpTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RatingCard);
    fixture.componentRef.setInput('meeting', meeting);
    await fixture.whenStable();
    const request = http.expectOne(RATING);
    if (mine) request.flush(mine);
    else request.flush({ code: 'NOT_FOUND', message: 'Chưa đánh giá / Not rated' }, NOT_FOUND);
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  const root = () => fixture.nativeElement as HTMLElement;
  const one = (id: string) => root().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) => Array.from(root().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const text = (id: string) => one(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const radio = (score: number) => one(`rating-score-${score}`) as HTMLInputElement;
  const stable = () => fixture.whenStable();

  it('offers five labelled star radios; a delegate picks one, comments and sends', async () => {
    await open(meetingDetailStub({ status: 'closed', myRole: 'delegate' }), null);
    const radios = Array.from(root().querySelectorAll<HTMLInputElement>('input[type="radio"]'));
    expect(radios.map((r) => r.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    // Each radio's label: a decorative star and, for screen readers, the score in words.
    const labels = radios.map((r) => root().querySelector(`label[for="${r.id}"]`));
    expect(labels.map((l) => l?.querySelector('.cdk-visually-hidden')?.textContent?.trim())).toEqual([
      '1 sao – Rất không hài lòng',
      '2 sao – Không hài lòng',
      '3 sao – Bình thường',
      '4 sao – Hài lòng',
      '5 sao – Rất hài lòng',
    ]);
    expect(labels.every((l) => l?.querySelector('[aria-hidden="true"]')?.textContent === '★')).toBe(true);
    expect(root().querySelector('legend')?.textContent?.trim()).toBe('Bạn đánh giá cuộc họp này thế nào?');
    expect(one('rating-send')?.hasAttribute('disabled')).toBe(true);

    radio(4).click();
    await stable();
    expect(text('rating-score-label')).toBe('Hài lòng');
    expect(root().querySelectorAll('.star.on')).toHaveLength(4);
    const comment = one('rating-comment') as HTMLTextAreaElement;
    comment.value = '  Tài liệu gửi sớm, rõ ràng  ';
    comment.dispatchEvent(new Event('input'));
    await stable();
    one('rating-send')?.click();
    const request = http.expectOne(RATING);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ score: 4, comment: 'Tài liệu gửi sớm, rõ ràng' });
    request.flush(rating({ score: 4, comment: 'Tài liệu gửi sớm, rõ ràng' }));
    await stable();
    expect(text('rating-sent')).toBe('Cảm ơn bạn đã đánh giá.');
    expect(text('rating-send')).toBe('Cập nhật đánh giá');
    // Delegates do not see the aggregate (no request for it either).
    expect(one('rating-summary')).toBeNull();
  });

  it('shows my earlier rating, and sends an empty comment as none', async () => {
    await open(meetingDetailStub({ status: 'archived', myRole: 'delegate' }), rating({ score: 2, comment: 'Hơi dài' }));
    expect(radio(2).checked).toBe(true);
    expect((one('rating-comment') as HTMLTextAreaElement).value).toBe('Hơi dài');
    expect(text('rating-send')).toBe('Cập nhật đánh giá');
    const comment = one('rating-comment') as HTMLTextAreaElement;
    comment.value = '   ';
    comment.dispatchEvent(new Event('input'));
    await stable();
    one('rating-send')?.click();
    expect(http.expectOne(RATING).request.body).toEqual({ score: 2, comment: null });
  });

  it('holds back a comment over 1000 characters, and shows a refusal in my language', async () => {
    await open(meetingDetailStub({ status: 'closed', myRole: 'delegate' }), rating());
    const comment = one('rating-comment') as HTMLTextAreaElement;
    comment.value = 'x'.repeat(1001);
    comment.dispatchEvent(new Event('input'));
    await stable();
    expect(text('rating-too-long')).toBe('Góp ý tối đa 1000 ký tự.');
    expect(one('rating-send')?.hasAttribute('disabled')).toBe(true);

    comment.value = 'Ổn';
    comment.dispatchEvent(new Event('input'));
    await stable();
    one('rating-send')?.click();
    http
      .expectOne(RATING)
      .flush(
        { code: 'CONFLICT', message: 'Chỉ đánh giá được cuộc họp đã kết thúc / Only once closed' },
        { status: 409, statusText: 'Conflict' },
      );
    await stable();
    expect(text('rating-error')).toBe('Chỉ đánh giá được cuộc họp đã kết thúc');
  });

  it('shows the chair and secretary the average, the distribution as bars and the anonymous comments', async () => {
    await open(meetingDetailStub({ status: 'closed', myRole: 'secretary' }), null);
    http.expectOne(SUMMARY).flush(summary());
    await stable();
    expect(text('rating-average')).toBe('3,33');
    expect(text('rating-count')).toBe('3 / 5 người tham dự đã đánh giá');
    const bars = all('rating-bar');
    expect(
      bars.map((bar) => [bar.dataset['score'], bar.querySelector('[data-testid="rating-bar-count"]')?.textContent]),
    ).toEqual([
      ['5', '1'],
      ['4', '0'],
      ['3', '1'],
      ['2', '1'],
      ['1', '0'],
    ]);
    expect(bars.map((bar) => bar.querySelector<HTMLElement>('.bar-fill')?.style.width)).toEqual([
      '33.3%',
      '0%',
      '33.3%',
      '33.3%',
      '0%',
    ]);
    expect(all('rating-comments')[0].textContent).toContain('Âm thanh điểm cầu bị rè');

    // Rating myself refreshes the aggregate.
    radio(5).click();
    await stable();
    one('rating-send')?.click();
    http.expectOne(RATING).flush(rating({ comment: null }));
    await stable();
    http.expectOne(SUMMARY).flush(summary({ count: 4, average: 3.75, distribution: [0, 1, 1, 0, 2] }));
    await stable();
    expect(text('rating-average')).toBe('3,75');
  });

  it('says so when nobody has rated yet', async () => {
    await open(meetingDetailStub({ status: 'closed', myRole: 'chair' }), null);
    http.expectOne(SUMMARY).flush(summary({ count: 0, average: null, distribution: [0, 0, 0, 0, 0], comments: [] }));
    await stable();
    expect(text('rating-average')).toBe('Chưa có đánh giá');
    expect(one('rating-comments')).toBeNull();
  });

  it('computes bar widths as shares of all ratings', () => {
    expect(ratingBars(summary({ count: 4, distribution: [1, 0, 0, 0, 3] }))).toEqual([
      { score: 5, count: 3, percent: 75 },
      { score: 4, count: 0, percent: 0 },
      { score: 3, count: 0, percent: 0 },
      { score: 2, count: 0, percent: 0 },
      { score: 1, count: 1, percent: 25 },
    ]);
  });
});
