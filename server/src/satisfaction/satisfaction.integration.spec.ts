import type { ErrorResponse, RatingResponse, RatingSummaryResponse } from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { createLiveMeeting } from '../live/testing/live-fixtures';
import { addParticipants, BOOT_TIMEOUT, createMeeting, moveTo } from '../meetings/testing/meeting-fixtures';
import { loginAs } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';

describe('meeting satisfaction ratings (HTTP)', () => {
  let t: TestApp;
  const agents: Record<string, TestAgent> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const username of ['chutoa', 'daibieu', 'daibieu2', 'xa.anbinh', 'khach']) {
      agents[username] = await loginAs(t, username);
    }
  }, BOOT_TIMEOUT);
  afterAll(() => t.close());

  const rate = (username: string, meetingId: string, body: unknown) =>
    agents[username].post(`/api/meetings/${meetingId}/rating`).send(body as object);

  it('takes a rating only once the meeting is over, 1 to 5, with a comment of at most 1000 characters', async () => {
    const { meetingId, secretary } = await createLiveMeeting(t);
    let res = await rate('daibieu', meetingId, { score: 4 }).expect(409);
    expect((res.body as ErrorResponse).message).toContain('only once it is closed');
    await moveTo(secretary, meetingId, 'closed');

    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: '4' },
      {},
      { score: 4, comment: 'x'.repeat(1001) },
      { score: 4, extra: true },
    ]) {
      res = await rate('daibieu', meetingId, body).expect(400);
      expect((res.body as ErrorResponse).code).toBe('VALIDATION_FAILED');
    }
    await agents['daibieu'].get(`/api/meetings/${meetingId}/rating`).expect(404);

    res = await rate('daibieu', meetingId, { score: 4, comment: `  ${'ý'.repeat(1000)}  ` }).expect(200);
    expect(res.body as RatingResponse).toEqual({
      meetingId,
      score: 4,
      comment: 'ý'.repeat(1000),
      updatedAt: expect.any(String),
    });
  });

  it('keeps one rating per participant, which they may change, and shows the organisers the aggregate without names', async () => {
    const { meetingId, secretary } = await createLiveMeeting(t);
    await moveTo(secretary, meetingId, 'closed');

    await rate('daibieu', meetingId, { score: 2, comment: 'Tài liệu gửi muộn' }).expect(200);
    await rate('daibieu2', meetingId, { score: 2, comment: 'Âm thanh điểm cầu bị rè' }).expect(200);
    await rate('xa.anbinh', meetingId, { score: 3, comment: '   ' }).expect(200);
    // daibieu changes their mind: still one rating.
    await rate('daibieu', meetingId, { score: 5, comment: 'Điều hành tốt, đúng giờ' }).expect(200);

    const mine = (await agents['daibieu'].get(`/api/meetings/${meetingId}/rating`).expect(200)).body as RatingResponse;
    expect(mine).toMatchObject({ score: 5, comment: 'Điều hành tốt, đúng giờ' });
    expect((await agents['xa.anbinh'].get(`/api/meetings/${meetingId}/rating`).expect(200)).body).toMatchObject({
      score: 3,
      comment: null,
    });
    await agents['chutoa'].get(`/api/meetings/${meetingId}/rating`).expect(404);

    const summary = (await secretary.get(`/api/meetings/${meetingId}/ratings/summary`).expect(200))
      .body as RatingSummaryResponse;
    expect(summary).toEqual({
      meetingId,
      count: 3,
      average: 3.33,
      distribution: [0, 1, 1, 0, 1],
      comments: [
        { score: 5, comment: 'Điều hành tốt, đúng giờ', at: expect.any(String) },
        { score: 2, comment: 'Âm thanh điểm cầu bị rè', at: expect.any(String) },
      ],
      participants: 5,
    });
    // Nobody's name or id goes with a comment.
    expect(JSON.stringify(summary)).not.toMatch(/Phương|Mai|daibieu|userId/);
    expect((await agents['chutoa'].get(`/api/meetings/${meetingId}/ratings/summary`).expect(200)).body).toEqual(
      summary,
    );
  });

  it('lets only participants rate, only organisers see the summary, and archived meetings still take ratings', async () => {
    const { meetingId, secretary } = await createLiveMeeting(t);
    await moveTo(secretary, meetingId, 'archived');
    await rate('khach', meetingId, { score: 5 }).expect(404);
    await agents['khach'].get(`/api/meetings/${meetingId}/rating`).expect(404);
    await agents['khach'].get(`/api/meetings/${meetingId}/ratings/summary`).expect(404);
    const res = await agents['daibieu'].get(`/api/meetings/${meetingId}/ratings/summary`).expect(403);
    expect((res.body as ErrorResponse).code).toBe('FORBIDDEN');
    await rate('daibieu2', meetingId, { score: 1 }).expect(200);

    const empty = await createMeeting(secretary, 24);
    await addParticipants(secretary, t, empty.id, ['daibieu']);
    await moveTo(secretary, empty.id, 'closed');
    expect((await secretary.get(`/api/meetings/${empty.id}/ratings/summary`).expect(200)).body).toEqual({
      meetingId: empty.id,
      count: 0,
      average: null,
      distribution: [0, 0, 0, 0, 0],
      comments: [],
      participants: 2,
    });
  });
});
