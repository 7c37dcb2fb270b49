import { randomUUID } from 'node:crypto';

import type {
  AuditPageResponse,
  ErrorResponse,
  LiveResult,
  LiveSnapshot,
  MinutesResponse,
  PollState,
} from '@app/shared';
import TestAgent from 'supertest/lib/agent';

import { connectLive, createLiveMeeting, LiveMeeting, LiveTestClient } from '../live/testing/live-fixtures';
import { createMeeting, moveTo, transition } from '../meetings/testing/meeting-fixtures';
import { loginAs } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';
import { inspectPdf } from './testing/pdf-inspect';

const OK = { ok: true, data: null };

function dataOf<T>(result: LiveResult<unknown>): T {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: T }).data;
}

/** A PDF answer as bytes. */
function binary(res: { on: (e: string, f: (c?: Buffer) => void) => void }, callback: (e: null, b: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('meeting minutes (HTTP)', () => {
  let t: TestApp;
  let delegate: TestAgent;
  let outsider: TestAgent;
  let chairAgent: TestAgent;
  const clients: LiveTestClient[] = [];

  const enter = async (username: string, meetingId: string): Promise<LiveTestClient> => {
    const client = await connectLive(t, username);
    clients.push(client);
    dataOf<LiveSnapshot>(await client.call('live:join', { meetingId }));
    return client;
  };

  /**
   * A live meeting with two agenda items where the live session recorded everything the minutes
   * are made of: the chair in person and daibieu online, daibieu2 absent (with a reason), daibieu's
   * question on item 1, an open poll on item 1 that both present voters carried, a conclusion.
   */
  async function recordedMeeting(): Promise<LiveMeeting & { itemIds: string[] }> {
    const meeting = await createLiveMeeting(t, { status: 'scheduled' });
    const { meetingId, secretary } = meeting;
    const itemIds: string[] = [];
    for (const title of ['Kế hoạch đầu tư công năm 2027', 'Các vấn đề khác']) {
      const res = await secretary.post(`/api/meetings/${meetingId}/agenda`).send({ title }).expect(201);
      itemIds.push((res.body as { id: string }).id);
    }
    await moveTo(secretary, meetingId, 'live');
    const [chair, secretaryClient, phuong] = await Promise.all(
      ['chutoa', 'thuky', 'daibieu'].map((username) => enter(username, meetingId)),
    );
    expect(await chair.call('meeting:current-item', { meetingId, agendaItemId: itemIds[0] })).toEqual(OK);
    expect(await chair.call('attendance:check-in', { meetingId, status: 'in_person' })).toEqual(OK);
    expect(await phuong.call('attendance:check-in', { meetingId, status: 'online' })).toEqual(OK);
    expect(
      await secretaryClient.call('attendance:check-in', {
        meetingId,
        participantId: meeting.participantIds['daibieu2'],
        status: 'absent',
        reason: 'Đi công tác tỉnh',
      }),
    ).toEqual(OK);

    const { requestId } = dataOf<{ requestId: string }>(
      await phuong.call('speakers:request', { meetingId, kind: 'question' }),
    );
    expect(await chair.call('speakers:give-floor', { meetingId, requestId, limitSeconds: null })).toEqual(OK);
    expect(await chair.call('speakers:end', { meetingId })).toEqual(OK);

    const poll = dataOf<PollState>(
      await chair.call('poll:open', {
        meetingId,
        agendaItemId: itemIds[0],
        question: 'Thông qua kế hoạch đầu tư công năm 2027',
        kind: 'open',
      }),
    );
    for (const [client, member] of [
      [chair, 'chutoa'],
      [phuong, 'daibieu'],
    ] as const) {
      const ballot = {
        meetingId,
        pollId: poll.id,
        ballotId: randomUUID(),
        memberParticipantId: meeting.participantIds[member],
        choices: ['yes'],
      };
      expect(await client.call('ballot:cast', ballot)).toMatchObject({ ok: true });
    }
    dataOf<PollState>(await chair.call('poll:close', { meetingId, pollId: poll.id }));
    expect(
      await secretaryClient.call('conclusion:set', {
        meetingId,
        agendaItemId: itemIds[0],
        text: 'Thống nhất thông qua; giao Phòng Tài chính hoàn thiện hồ sơ.',
      }),
    ).toEqual(OK);
    return { ...meeting, itemIds };
  }

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    [delegate, outsider, chairAgent] = await Promise.all([
      loginAs(t, 'daibieu'),
      loginAs(t, 'khach'),
      loginAs(t, 'chutoa'),
    ]);
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  it('drafts the minutes in Vietnamese from attendance, speeches, votes and conclusions', async () => {
    const { meetingId, secretary } = await recordedMeeting();
    const res = await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200);
    const minutes = res.body as MinutesResponse;
    expect(minutes).toMatchObject({ meetingId, status: 'draft', version: 1, updatedByName: 'Nguyễn Thị Thu' });
    const lines = minutes.body.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '# HUYỆN SÔNG LAM || # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      ' || # Độc lập - Tự do - Hạnh phúc',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        '# BIÊN BẢN CUỘC HỌP',
        '# Họp giao ban Ủy ban nhân dân huyện',
        '- Địa điểm: Phòng họp số 2, UBND huyện.',
        '- Chủ trì: Trần Văn Đức – Huyện Sông Lam.',
        '- Thư ký: Nguyễn Thị Thu – Huyện Sông Lam.',
        '- Số thành viên có quyền biểu quyết: 3; có mặt: 2 (66,67%).',
        '### 1. Có mặt trực tiếp: 1',
        '- Trần Văn Đức – Huyện Sông Lam (Chủ trì)',
        '### 2. Tham dự trực tuyến: 1',
        '- Lê Hoàng Phương – Huyện Sông Lam',
        '### 4. Vắng mặt: 1',
        '- Phạm Thị Mai – Huyện Sông Lam – lý do: Đi công tác tỉnh',
        '### 1. Kế hoạch đầu tư công năm 2027',
        '- Nội dung biểu quyết: Thông qua kế hoạch đầu tư công năm 2027 (biểu quyết công khai).',
        '- Số thành viên có quyền biểu quyết: 2; số phiếu: 2.',
        '- Tán thành: 2 (100%).',
        '- Không tán thành: 0 (0%).',
        '- Không biểu quyết: 0 (0%).',
        'Kết luận: Thống nhất thông qua; giao Phòng Tài chính hoàn thiện hồ sơ.',
        '### 2. Các vấn đề khác',
        '# Nguyễn Thị Thu || # Trần Văn Đức',
      ]),
    );
    // The question, under item 1, with its time span; the secretary and the site are not "present".
    const item1 = minutes.body.slice(minutes.body.indexOf('### 1. Kế hoạch'), minutes.body.indexOf('### 2. Các vấn'));
    expect(item1).toMatch(/- Lê Hoàng Phương – Huyện Sông Lam \(đặt câu hỏi, \d\d:\d\d–\d\d:\d\d, dưới 1 phút\): …/);
    // Still live: the closing time is left to fill in.
    expect(minutes.body).toContain('Cuộc họp kết thúc lúc …… giờ …… phút');

    // Drafting again replaces the draft, as a new version.
    const again = (await chairAgent.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200))
      .body as MinutesResponse;
    expect(again).toMatchObject({ version: 2, updatedByName: 'Trần Văn Đức', body: minutes.body });
  });

  it('lets only the chair and secretary draft and edit; a non-participant gets 404', async () => {
    const { meetingId, secretary } = await recordedMeeting();
    let res = await delegate.post(`/api/meetings/${meetingId}/minutes/draft`).expect(403);
    expect((res.body as ErrorResponse).code).toBe('FORBIDDEN');
    await outsider.post(`/api/meetings/${meetingId}/minutes/draft`).expect(404);
    // No minutes yet.
    await secretary.get(`/api/meetings/${meetingId}/minutes`).expect(404);

    const draft = (await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200))
      .body as MinutesResponse;
    await delegate.put(`/api/meetings/${meetingId}/minutes`).send({ body: 'x', version: draft.version }).expect(403);
    await delegate.post(`/api/meetings/${meetingId}/minutes/finalize`).send({ version: draft.version }).expect(403);
    // A draft is not the delegates' to read, in any form.
    res = await delegate.get(`/api/meetings/${meetingId}/minutes`).expect(404);
    expect((res.body as ErrorResponse).message).toContain('not final yet');
    await delegate.get(`/api/meetings/${meetingId}/minutes.pdf`).expect(404);
    for (const path of ['minutes', 'minutes.pdf']) await outsider.get(`/api/meetings/${meetingId}/${path}`).expect(404);
    await outsider.put(`/api/meetings/${meetingId}/minutes`).send({ body: 'x', version: 1 }).expect(404);

    // A meeting still in preparation has nothing to draft from.
    const scheduled = await createMeeting(secretary, 24);
    await moveTo(secretary, scheduled.id, 'scheduled');
    res = await secretary.post(`/api/meetings/${scheduled.id}/minutes/draft`).expect(409);
    expect((res.body as ErrorResponse).message).toContain('only while the meeting is live or once it is closed');
  });

  it('refuses an edit based on a stale version (409) and keeps the newer text', async () => {
    const { meetingId, secretary } = await recordedMeeting();
    const draft = (await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200))
      .body as MinutesResponse;

    const edited = `${draft.body}\nÝ kiến bổ sung của thư ký.`;
    const saved = (
      await secretary
        .put(`/api/meetings/${meetingId}/minutes`)
        .send({ body: edited, version: draft.version })
        .expect(200)
    ).body as MinutesResponse;
    expect(saved).toMatchObject({ version: draft.version + 1, body: edited.trim(), status: 'draft' });

    // The chair had the page open on the old version.
    const res = await chairAgent
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({ body: 'Bản của chủ trì', version: draft.version })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`now version ${saved.version}`),
    });
    const current = (await chairAgent.get(`/api/meetings/${meetingId}/minutes`).expect(200)).body as MinutesResponse;
    expect(current).toMatchObject({ version: saved.version, body: edited.trim(), updatedByName: 'Nguyễn Thị Thu' });

    for (const body of [
      { body: '   ', version: saved.version },
      { body: 'x', version: 0 },
      { body: 'x' },
      { body: 'x', version: 2, extra: 1 },
    ]) {
      const bad = await secretary.put(`/api/meetings/${meetingId}/minutes`).send(body).expect(400);
      expect((bad.body as ErrorResponse).code).toBe('VALIDATION_FAILED');
    }
  });

  it('finalizes once the meeting is closed; then every participant reads it and nobody changes it', async () => {
    const { meetingId, secretary } = await recordedMeeting();
    let draft = (await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200)).body as MinutesResponse;
    let res = await secretary
      .post(`/api/meetings/${meetingId}/minutes/finalize`)
      .send({ version: draft.version })
      .expect(409);
    expect((res.body as ErrorResponse).message).toContain('only once the meeting is closed');

    await transition(secretary, meetingId, 'closed').expect(200);
    draft = (await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200)).body as MinutesResponse;
    expect(draft.body).toMatch(/Cuộc họp kết thúc lúc \d\d giờ \d\d phút, ngày \d\d tháng \d\d năm \d{4}\./);
    await secretary
      .post(`/api/meetings/${meetingId}/minutes/finalize`)
      .send({ version: draft.version - 1 })
      .expect(409);
    const final = (
      await secretary.post(`/api/meetings/${meetingId}/minutes/finalize`).send({ version: draft.version }).expect(200)
    ).body as MinutesResponse;
    expect(final).toMatchObject({ status: 'final', version: draft.version + 1, finalizedAt: expect.any(String) });

    res = await secretary
      .put(`/api/meetings/${meetingId}/minutes`)
      .send({ body: 'x', version: final.version })
      .expect(409);
    expect((res.body as ErrorResponse).message).toContain('final');
    await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(409);
    await secretary.post(`/api/meetings/${meetingId}/minutes/finalize`).send({ version: final.version }).expect(409);

    expect((await delegate.get(`/api/meetings/${meetingId}/minutes`).expect(200)).body).toEqual(final);

    const admin = await loginAs(t, 'quantri');
    const audit = (await admin.get(`/api/audit?meetingId=${meetingId}`).expect(200)).body as AuditPageResponse;
    expect(audit.entries.filter((e) => e.action.startsWith('minutes.')).map((e) => [e.action, e.actorName])).toEqual([
      ['minutes.finalized', 'thuky'],
      ['minutes.generated', 'thuky'],
      ['minutes.generated', 'thuky'],
    ]);
  });

  it('exports the minutes as a PDF whose text reads back in Vietnamese, from embedded fonts', async () => {
    const { meetingId, secretary } = await recordedMeeting();
    const draft = (await secretary.post(`/api/meetings/${meetingId}/minutes/draft`).expect(200))
      .body as MinutesResponse;

    let res = await secretary.get(`/api/meetings/${meetingId}/minutes.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="bien-ban-\d{4}-\d{2}-\d{2}-hop-giao-ban-uy-ban-nhan-dan-huyen\.pdf"$/,
    );
    let read = await inspectPdf(res.body as Buffer);
    const text = () => read.text.replace(/\s+/g, ' ');
    expect(text()).toContain('DỰ THẢO');
    for (const phrase of [
      'BIÊN BẢN CUỘC HỌP',
      'Tán thành: 2 (100%).',
      'Lê Hoàng Phương',
      'Phạm Thị Mai',
      'Trần Văn Đức',
    ]) {
      expect(text()).toContain(phrase);
    }
    expect(read.fonts.length).toBe(2);
    expect(read.fonts.every((font) => font.embedded && font.name.includes('DejaVuSans'))).toBe(true);

    // Final: delegates get it too, without the draft mark and with the secretary's edits.
    await transition(secretary, meetingId, 'closed').expect(200);
    const edited = `${draft.body}\nĐại biểu Lê Hoàng Phương đề nghị bổ sung danh mục dự án.`;
    const saved = (
      await secretary
        .put(`/api/meetings/${meetingId}/minutes`)
        .send({ body: edited, version: draft.version })
        .expect(200)
    ).body as MinutesResponse;
    await secretary.post(`/api/meetings/${meetingId}/minutes/finalize`).send({ version: saved.version }).expect(200);
    res = await delegate.get(`/api/meetings/${meetingId}/minutes.pdf`).buffer(true).parse(binary).expect(200);
    read = await inspectPdf(res.body as Buffer);
    expect(text()).not.toContain('DỰ THẢO');
    expect(text()).toContain('Đại biểu Lê Hoàng Phương đề nghị bổ sung danh mục dự án.');
  });

  it('leaves a meeting without minutes to 404 for everyone, and checks the meeting id', async () => {
    const meeting = await createLiveMeeting(t);
    await meeting.secretary.get(`/api/meetings/${meeting.meetingId}/minutes.pdf`).expect(404);
    await meeting.secretary.get(`/api/meetings/${meeting.meetingId}/minutes`).expect(404);
    await meeting.secretary.get('/api/meetings/not-a-uuid/minutes').expect(400);
  });
});
