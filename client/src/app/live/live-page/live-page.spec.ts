import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { LiveSnapshot, LiveUpdate, MeetingDetailResponse, encodeLiveSnapshot } from '@app/shared';

import { provideAppHttpTesting } from '../../../testing/http-testing';
import { ITEM_IDS, meetingDetailStub } from '../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../testing/transloco-testing';
import { waitFor } from '../../../testing/wait-for';
import { LIVE_SOCKET_FACTORY } from '../live-session-client';
import { FakeLiveSocket } from '../testing/fake-live-socket';
import {
  entryStub,
  LIVE_MEETING_ID,
  liveSnapshotStub,
  PIDS,
  pollStub,
  POLL_ID,
  UIDS,
} from '../testing/live-snapshot.stub';
import { LivePage } from './live-page';

const REQUEST_IDS = ['5a8ecf96-8f1e-4d52-9a57-000000000001', '5a8ecf96-8f1e-4d52-9a57-000000000002'];

describe('LivePage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;
  let socket: FakeLiveSocket;
  let version: number;

  async function open(
    snapshot: LiveSnapshot,
    meeting: MeetingDetailResponse = meetingDetailStub({ id: LIVE_MEETING_ID, status: 'live', myRole: 'delegate' }),
  ) {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideAppHttpTesting(),
        provideRouter([{ path: 'meetings/:meetingId/live', component: LivePage }], withComponentInputBinding()),
        { provide: LIVE_SOCKET_FACTORY, useValue: () => (socket = new FakeLiveSocket()) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(`/meetings/${LIVE_MEETING_ID}/live`);
    http.expectOne(`/api/meetings/${LIVE_MEETING_ID}`).flush(meeting);
    await stable();
    socket.serverConnect();
    socket.last('live:join').ack({ ok: true, data: encodeLiveSnapshot(snapshot) });
    version = snapshot.version;
    await stable();
  }

  function push(update: Omit<LiveUpdate, 'meetingId' | 'version'>): Promise<void> {
    socket.push('live:update', { ...update, meetingId: LIVE_MEETING_ID, version: ++version });
    return stable();
  }

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove());
  });

  const stable = () => harness.fixture.whenStable();
  /** After an acknowledgement: its promise settles, then the view. */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await stable();
  };
  const all = (id: string, root: ParentNode = document) =>
    Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const one = (id: string, root: ParentNode = document) => {
    const found = all(id, root)[0];
    if (!found) throw new Error(`No [data-testid="${id}"]`);
    return found;
  };
  /** The `id` element whose `data-<attr>` is `value`. */
  const withData = (id: string, attr: string, value: string, root: ParentNode = document) => {
    const found = all(id, root).find((e) => e.dataset[attr] === value);
    if (!found) throw new Error(`No [data-testid="${id}"][data-${attr}="${value}"]`);
    return found;
  };
  /** The native input inside a Material radio button or checkbox. */
  const input = (host: HTMLElement) => {
    const found = host.querySelector('input');
    if (!found) throw new Error('No input inside');
    return found;
  };
  const text = (id: string, root: ParentNode = document) => one(id, root).textContent?.replace(/\s+/g, ' ').trim();
  const click = async (id: string, root: ParentNode = document) => {
    one(id, root).click();
    await stable();
  };

  describe('for a delegate', () => {
    it('checks in with one tap, and shows the quorum as it changes', async () => {
      await open(liveSnapshotStub());
      expect(all('live-delegate-view')).toHaveLength(1);
      expect(all('live-chair-console')).toHaveLength(0);
      expect(text('live-my-status')).toBe('Bạn chưa điểm danh');
      expect(text('live-quorum')).toContain('Chưa đủ số đại biểu theo quy định');
      expect(text('live-quorum')).toContain('Có mặt 0/5 đại biểu biểu quyết, cần 3');

      await click('live-check-in');
      expect(socket.last('attendance:check-in').payload).toEqual({ meetingId: LIVE_MEETING_ID, status: 'in_person' });
      socket.last('attendance:check-in').ack({ ok: true, data: null });

      const snapshot = liveSnapshotStub({
        attendance: {
          entries: ['chair', 'delegate', 'delegate2', 'commune1'].map((k) =>
            entryStub(k as keyof typeof PIDS, { status: 'in_person', source: 'self' }),
          ),
          quorum: {
            rule: { numerator: 1, denominator: 2, strict: true },
            votingMembers: 5,
            present: 4,
            required: 3,
            reached: true,
          },
        },
      });
      await push({ slice: 'attendance', value: snapshot.attendance });
      expect(text('live-my-status')).toBe('Bạn đã điểm danh: có mặt');
      expect(all('live-check-in')).toHaveLength(0);
      expect(one('live-quorum').getAttribute('data-reached')).toBe('true');
      expect(text('live-quorum')).toContain('Đủ số đại biểu theo quy định');
    });

    it('asks for the floor with a kind, shows my place, and withdraws', async () => {
      await open(liveSnapshotStub());
      expect(all('live-request-to-speak').map((b) => b.textContent?.trim())).toEqual([
        'Đăng ký phát biểu',
        'Đăng ký chất vấn',
        'Kiến nghị về thủ tục',
      ]);
      withData('live-request-to-speak', 'kind', 'question').click();
      await stable();
      expect(socket.last('speakers:request').payload).toEqual({ meetingId: LIVE_MEETING_ID, kind: 'question' });
      socket.last('speakers:request').ack({ ok: true, data: { requestId: REQUEST_IDS[1] } });

      await push({
        slice: 'speakers',
        value: {
          queue: [request(REQUEST_IDS[0], 'delegate2', 'speech'), request(REQUEST_IDS[1], 'delegate', 'question')],
          current: null,
        },
      });
      expect(text('live-my-place')).toBe('Bạn đang ở vị trí thứ 2 (Chất vấn)');
      expect(all('live-request-to-speak')).toHaveLength(0);
      expect(all('live-queue-item').map((item) => item.dataset['kind'])).toEqual(['speech', 'question']);
      // Delegates see the queue but cannot reorder it or give the floor.
      expect(all('live-give-floor')).toHaveLength(0);
      expect(all('live-queue-up')).toHaveLength(0);

      await click('live-withdraw');
      expect(socket.last('speakers:withdraw').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        requestId: REQUEST_IDS[1],
      });
    });

    it('casts one ballot per represented member, confirmed, then shows it as cast once acknowledged', async () => {
      const entries = (Object.keys(PIDS) as (keyof typeof PIDS)[]).map((k) =>
        entryStub(k, k === 'delegate2' ? { proxyHolderId: PIDS.delegate } : {}),
      );
      const base = liveSnapshotStub({ attendance: { ...liveSnapshotStub().attendance, entries } });
      await open({ ...base, polls: { active: pollStub({ kind: 'secret', counts: null }), closed: [] } });

      const ballots = all('live-ballot');
      expect(ballots.map((b) => b.dataset['memberId'])).toEqual([PIDS.delegate, PIDS.delegate2]);
      expect(ballots[1].textContent).toContain('Phiếu ủy quyền của Phạm Thị Biểu');
      expect(text('live-tally-secret')).toBe('Bỏ phiếu kín: kết quả chỉ công bố khi kết thúc.');
      expect(all('live-tally-option')).toHaveLength(0);

      const mine = ballots[0];
      expect((one('live-submit-ballot', mine) as HTMLButtonElement).disabled).toBe(true);
      input(withData('live-ballot-option', 'key', 'no', mine)).click();
      await stable();
      await click('live-submit-ballot', mine);
      expect(text('live-ballot', document)).toContain('Bạn chọn: Không tán thành. Xác nhận gửi phiếu?');
      expect(socket.emitted('ballot:cast')).toHaveLength(0);
      await click('live-confirm-ballot', all('live-ballot')[0]);

      const cast = socket.last('ballot:cast').payload;
      expect(cast).toMatchObject({ pollId: POLL_ID, memberParticipantId: PIDS.delegate, choices: ['no'] });
      expect(all('live-ballot')[0].dataset['stage']).toBe('sending');
      socket.last('ballot:cast').ack({
        ok: true,
        data: { ballotId: cast.ballotId, pollId: POLL_ID, memberParticipantId: PIDS.delegate, duplicate: false },
      });
      await waitFor(() => all('live-ballot')[0].dataset['stage'] === 'voted');
      expect(text('live-ballot-voted')).toBe('Đã bỏ phiếu');
      // The proxy's ballot is still to cast.
      expect(all('live-ballot')[1].dataset['stage']).toBe('choosing');

      await push({
        slice: 'polls',
        value: { active: pollStub({ kind: 'secret', counts: null, ballots: 1 }), closed: [] },
      });
      expect(text('live-tally-ballots')).toBe('1');
      expect(text('live-eligible')).toBe('4');
    });

    it('shows the live counts of an open poll and the published results', async () => {
      await open(
        liveSnapshotStub({
          polls: {
            active: pollStub({ ballots: 3, counts: { yes: 2, no: 1, abstain: 0 } }),
            closed: [
              pollStub({
                id: 'p-old',
                question: 'Thông qua chương trình?',
                status: 'closed',
                ballots: 4,
                counts: { yes: 4, no: 0, abstain: 0 },
              }),
            ],
          },
        }),
      );
      const active = one('live-ballot-box');
      expect(
        all('live-tally-option', active).map((row) => [row.dataset['key'], text('live-tally-count', row)]),
      ).toEqual([
        ['yes', '2'],
        ['no', '1'],
        ['abstain', '0'],
      ]);
      const result = one('live-result');
      expect(text('live-tally-question', result)).toBe('Thông qua chương trình?');
      expect(text('live-tally-count', result)).toBe('4');
    });

    it('lets a commune site declare which of its members are in its room', async () => {
      const entries = (Object.keys(PIDS) as (keyof typeof PIDS)[]).map((k) =>
        entryStub(k, k === 'commune1' ? { status: 'in_person', source: 'site', siteParticipantId: PIDS.site } : {}),
      );
      await open(
        liveSnapshotStub({ attendance: { ...liveSnapshotStub().attendance, entries } }, 'site'),
        meetingDetailStub({ id: LIVE_MEETING_ID, status: 'live', myRole: 'site' }),
      );
      const members = all('live-site-member');
      expect(members.map((m) => m.dataset['participantId'])).toEqual([PIDS.commune1, PIDS.commune2]);
      expect(members.map((m) => input(m).checked)).toEqual([true, false]);
      input(members[1]).click();
      await stable();
      await click('live-site-save');
      expect(socket.last('attendance:site-members').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        presentParticipantIds: [PIDS.commune1, PIDS.commune2],
      });
    });

    it('says when the meeting is not in session', async () => {
      await open(liveSnapshotStub({ meeting: { status: 'closed', currentAgendaItemId: null } }));
      expect(one('live-not-live').getAttribute('data-status')).toBe('closed');
      expect(text('live-not-live')).toContain('Cuộc họp đã kết thúc.');
      expect(all('live-delegate-view')).toHaveLength(0);
    });
  });

  describe('for the chair', () => {
    const chairMeeting = () => meetingDetailStub({ id: LIVE_MEETING_ID, status: 'live', myRole: 'chair' });

    it('moves the agenda on and marks attendance, an absence with its reason', async () => {
      await open(liveSnapshotStub({}, 'chair'), chairMeeting());
      expect(all('live-chair-console')).toHaveLength(1);
      const items = all('live-agenda-item');
      expect(items.map((i) => i.dataset['current'])).toEqual(['true', 'false', 'false']);
      expect(text('live-agenda-progress')).toBe('Đang thảo luận nội dung 1/3');
      await click('live-set-current', items[1]);
      expect(socket.last('meeting:current-item').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        agendaItemId: ITEM_IDS[1],
      });

      const row = withData('live-attendance-row', 'participantId', PIDS.delegate2);
      await click('live-mark-in-person', row);
      expect(socket.last('attendance:check-in').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        participantId: PIDS.delegate2,
        status: 'in_person',
      });
      socket.last('attendance:check-in').ack({ ok: true, data: null });
      await settle();
      await click('live-mark-absent', row);
      const reason = one('live-absent-reason', row) as HTMLInputElement;
      reason.value = 'Đi công tác';
      reason.dispatchEvent(new Event('input'));
      await click('live-absent-save', row);
      expect(socket.last('attendance:check-in').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        participantId: PIDS.delegate2,
        status: 'absent',
        reason: 'Đi công tác',
      });
    });

    it('reorders the queue with the buttons, gives the floor with a limit, and runs the timer', async () => {
      await open(
        liveSnapshotStub(
          {
            speakers: {
              queue: [
                request(REQUEST_IDS[0], 'delegate', 'speech'),
                request(REQUEST_IDS[1], 'delegate2', 'point_of_order'),
              ],
              current: null,
            },
          },
          'chair',
        ),
        chairMeeting(),
      );
      expect(text('live-no-speaker')).toBe('Chưa có ai phát biểu.');
      await click('live-queue-up', all('live-queue-item')[1]);
      // Shown at once, sent as the whole new order.
      expect(all('live-queue-item').map((i) => i.dataset['requestId'])).toEqual([REQUEST_IDS[1], REQUEST_IDS[0]]);
      expect(socket.last('speakers:reorder').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        requestIds: [REQUEST_IDS[1], REQUEST_IDS[0]],
      });
      // The server refuses: the queue goes back.
      socket.last('speakers:reorder').ack({ ok: false, error: { code: 'CONFLICT', message: 'Đã thay đổi / Changed' } });
      await waitFor(() => all('live-queue-item')[0].dataset['requestId'] === REQUEST_IDS[0]);

      await click('live-give-floor', all('live-queue-item')[1]);
      expect(socket.last('speakers:give-floor').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        requestId: REQUEST_IDS[1],
        limitSeconds: 180,
      });

      const now = Date.now();
      await push({
        slice: 'speakers',
        value: {
          queue: [request(REQUEST_IDS[0], 'delegate', 'speech')],
          current: {
            id: 'slot-1',
            participantId: PIDS.delegate2,
            displayName: 'Phạm Thị Biểu',
            kind: 'point_of_order',
            agendaItemId: ITEM_IDS[0],
            startedAt: new Date(now - 160_000).toISOString(),
            limitSeconds: 180,
            endsAt: new Date(now + 20_000).toISOString(),
          },
        },
      });
      expect(text('live-current-speaker')).toBe('Phạm Thị Biểu');
      const timer = one('live-timer');
      expect(timer.getAttribute('role')).toBe('timer');
      expect(timer.dataset['state']).toBe('warning');
      expect(timer.textContent?.trim()).toMatch(/^0:(19|20|21)$/);
      expect(text('live-speaker')).toContain('Sắp hết giờ');

      await click('live-end-speech');
      expect(socket.last('speakers:end').payload).toEqual({ meetingId: LIVE_MEETING_ID });
    });

    it('shows "time\'s up" when the slot is over', async () => {
      const now = Date.now();
      await open(
        liveSnapshotStub(
          {
            speakers: {
              queue: [],
              current: {
                id: 'slot-1',
                participantId: PIDS.delegate,
                displayName: 'Trần Văn Đại',
                kind: 'speech',
                agendaItemId: null,
                startedAt: new Date(now - 70_000).toISOString(),
                limitSeconds: 60,
                endsAt: new Date(now - 10_000).toISOString(),
              },
            },
          },
          'chair',
        ),
        chairMeeting(),
      );
      expect(one('live-timer').dataset['state']).toBe('over');
      expect(text('live-timer-over')).toBe('Hết giờ');
    });

    it('opens a secret multiple-choice poll with its own options, then closes it after confirming', async () => {
      await open(liveSnapshotStub({}, 'chair'), chairMeeting());
      const question = one('live-poll-question') as HTMLTextAreaElement;
      question.value = 'Chọn hai công trình ưu tiên';
      question.dispatchEvent(new Event('input'));
      input(one('live-poll-kind-secret')).click();
      input(one('live-poll-options-custom')).click();
      await stable();
      await click('live-poll-add-option');
      const options = all('live-poll-option') as HTMLInputElement[];
      ['Trường học', 'Trạm y tế', 'Đường liên xã'].forEach((label, i) => {
        options[i].value = label;
        options[i].dispatchEvent(new Event('input'));
      });
      input(one('live-poll-multiple')).click();
      await stable();
      const max = one('live-poll-max-choices') as HTMLInputElement;
      max.value = '2';
      max.dispatchEvent(new Event('input'));
      await click('live-open-poll');
      expect(socket.last('poll:open').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        agendaItemId: ITEM_IDS[0],
        question: 'Chọn hai công trình ưu tiên',
        kind: 'secret',
        options: ['Trường học', 'Trạm y tế', 'Đường liên xã'],
        maxChoices: 2,
      });

      await push({
        slice: 'polls',
        value: { active: pollStub({ kind: 'open', ballots: 2, counts: { yes: 1, no: 1, abstain: 0 } }), closed: [] },
      });
      expect(all('live-poll-form')).toHaveLength(0);
      expect(all('live-tally-option').map((row) => row.dataset['count'])).toEqual(['1', '1', '0']);
      await click('live-close-poll');
      await waitFor(() => all('confirm-yes').length > 0);
      expect(socket.emitted('poll:close')).toHaveLength(0);
      one('confirm-yes').click();
      await waitFor(() => socket.emitted('poll:close').length > 0);
      expect(socket.last('poll:close').payload).toEqual({ meetingId: LIVE_MEETING_ID, pollId: POLL_ID });
    });

    it('does not open a poll without a question', async () => {
      await open(liveSnapshotStub({}, 'chair'), chairMeeting());
      await click('live-open-poll');
      expect(text('live-poll-invalid')).toBe('Hãy nhập nội dung biểu quyết.');
      expect(socket.emitted('poll:open')).toHaveLength(0);
    });

    it('saves the conclusion of the item under discussion, and makes me the presenter', async () => {
      await open(liveSnapshotStub({}, 'chair'), chairMeeting());
      const textarea = one('live-conclusion-text') as HTMLTextAreaElement;
      textarea.value = 'Thống nhất thông qua.';
      textarea.dispatchEvent(new Event('input'));
      await stable();
      await click('live-conclusion-save');
      expect(socket.last('conclusion:set').payload).toEqual({
        meetingId: LIVE_MEETING_ID,
        agendaItemId: ITEM_IDS[0],
        text: 'Thống nhất thông qua.',
      });

      expect(text('live-presenter-name')).toBe('Chưa có ai trình bày.');
      await click('live-presenter-me');
      expect(socket.last('presenter:set').payload).toEqual({ meetingId: LIVE_MEETING_ID, userId: UIDS.chair });
      socket.last('presenter:set').ack({ ok: true, data: null });
      await settle();
      await push({
        slice: 'presentation',
        value: { presenterUserId: UIDS.chair, presenterName: 'Lê Văn Chủ', position: null },
      });
      expect(text('live-presenter-name')).toBe('Đang trình bày: Lê Văn Chủ');
      await click('live-presenter-stop');
      expect(socket.last('presenter:set').payload).toEqual({ meetingId: LIVE_MEETING_ID, userId: null });
    });
  });
});

function request(id: string, who: keyof typeof PIDS, kind: 'speech' | 'question' | 'point_of_order') {
  return {
    id,
    participantId: PIDS[who],
    displayName: entryStub(who).displayName,
    kind,
    agendaItemId: null,
    requestedAt: '2026-11-24T02:00:00.000Z',
  };
}
