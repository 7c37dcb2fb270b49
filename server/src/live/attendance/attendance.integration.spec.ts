import {
  AttendanceEntry,
  AuditAction,
  AttendanceState,
  DEFAULT_QUORUM_RULE,
  LIVE_SLICES,
  LiveSnapshot,
} from '@app/shared';
import { DataSource } from 'typeorm';

import { AuditLogEntry } from '../../audit/audit-log-entry.entity';
import { moveTo, transition } from '../../meetings/testing/meeting-fixtures';
import { User } from '../../people/user.entity';
import { createTestApp, TestApp } from '../../testing/test-app';
import { connectLive, createLiveMeeting, LiveTestClient } from '../testing/live-fixtures';
import { AttendanceService } from './attendance.service';

const snapshotOf = (result: { ok: boolean; data?: unknown }): LiveSnapshot => {
  expect(result).toMatchObject({ ok: true });
  return (result as { data: LiveSnapshot }).data;
};

const entryOf = (state: AttendanceState, participantId: string): AttendanceEntry => {
  const entry = state.entries.find((e) => e.participantId === participantId);
  if (!entry) throw new Error(`participant ${participantId} is not in the attendance list`);
  return entry;
};

const OK = { ok: true, data: null };

describe('live attendance: check-in, quorum, commune sites, proxies', () => {
  let t: TestApp;
  /** The audit entries of one action in one meeting, oldest first. */
  let audit: (action: AuditAction, meetingId: string) => Promise<AuditLogEntry[]>;
  /** Two people of Xã An Bình (the demo has none), to be added to meetings as delegates. */
  const anBinh: { userId: string; displayName: string }[] = [];
  const clients: LiveTestClient[] = [];
  const connect = async (username: string) => {
    const client = await connectLive(t, username);
    clients.push(client);
    return client;
  };
  const join = async (client: LiveTestClient, meetingId: string) =>
    snapshotOf(await client.call('live:join', { meetingId }));
  /** A live meeting of the demo people, plus the two An Bình delegates when asked. */
  const meetingWith = async (options: { anBinh?: boolean; status?: 'scheduled' | 'live' } = {}) => {
    const meeting = await createLiveMeeting(t, { status: options.status });
    if (options.anBinh) {
      for (const person of anBinh) {
        const res = await meeting.secretary
          .post(`/api/meetings/${meeting.meetingId}/participants`)
          .send({ userId: person.userId })
          .expect(201);
        meeting.participantIds[person.displayName] = (res.body as { id: string }).id;
      }
    }
    return meeting;
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    const dataSource = t.app.get(DataSource);
    audit = (action, meetingId) =>
      dataSource.getRepository(AuditLogEntry).find({ where: { action, meetingId }, order: { id: 'ASC' } });
    const users = dataSource.getRepository(User);
    const site = await users.findOneByOrFail({ username: 'xa.anbinh' });
    for (const [username, displayName] of [
      ['anbinh.an', 'Đặng Văn An'],
      ['anbinh.binh', 'Hoàng Thị Bình'],
    ]) {
      const user = await users.save(
        users.create({ username, displayName, passwordHash: 'not-a-login', role: 'delegate', unitId: site.unitId }),
      );
      anBinh.push({ userId: user.id, displayName });
    }
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => t.close());

  it('lists every participant, chair first, unknown until checked in, with the default quorum', async () => {
    const meeting = await meetingWith();
    const snapshot = await join(await connect('daibieu'), meeting.meetingId);
    const ids = meeting.participantIds;

    expect(snapshot.attendance.entries.map((entry) => entry.participantId)).toEqual([
      ids['chutoa'],
      ids['thuky'],
      ids['daibieu'],
      ids['daibieu2'],
      ids['xa.anbinh'],
    ]);
    expect(entryOf(snapshot.attendance, ids['daibieu'])).toEqual({
      participantId: ids['daibieu'],
      userId: expect.any(String),
      displayName: 'Lê Hoàng Phương',
      unitName: 'Huyện Sông Lam',
      meetingRole: 'delegate',
      votingMember: true,
      status: 'unknown',
      reason: null,
      source: null,
      siteParticipantId: null,
      checkedInAt: null,
      proxyHolderId: null,
    });
    expect(snapshot.attendance.quorum).toEqual({
      rule: DEFAULT_QUORUM_RULE,
      votingMembers: 3,
      present: 0,
      required: 2,
      reached: false,
    });
  });

  it('sends a check-in to every client in the room, with the quorum reached at the second voting member', async () => {
    const meeting = await meetingWith();
    const ids = meeting.participantIds;
    const [chair, delegate, delegate2, secretary] = await Promise.all(
      ['chutoa', 'daibieu', 'daibieu2', 'thuky'].map(connect),
    );
    const before = await join(chair, meeting.meetingId);
    for (const client of [delegate, delegate2, secretary]) await join(client, meeting.meetingId);

    const seen = [chair, delegate2, secretary].map((client) =>
      client.nextUpdate('attendance', (a) => entryOf(a, ids['daibieu']).status === 'in_person'),
    );
    await expect(
      delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' }),
    ).resolves.toEqual(OK);
    for (const update of await Promise.all(seen)) {
      expect(update.version).toBe(before.version + 1);
      expect(entryOf(update.value, ids['daibieu'])).toMatchObject({
        status: 'in_person',
        source: 'self',
        checkedInAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(update.value.quorum).toMatchObject({ votingMembers: 3, present: 1, required: 2, reached: false });
    }

    // the secretary does not vote: present, but the quorum does not move
    const secretaryIn = chair.nextUpdate('attendance', (a) => entryOf(a, ids['thuky']).status === 'in_person');
    await expect(
      secretary.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' }),
    ).resolves.toEqual(OK);
    expect((await secretaryIn).value.quorum).toMatchObject({ present: 1, reached: false });

    const reached = chair.nextUpdate('attendance', (a) => a.quorum.reached);
    await expect(
      delegate2.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'online' }),
    ).resolves.toEqual(OK);
    const update = await reached;
    expect(update.version).toBe(before.version + 3);
    expect(entryOf(update.value, ids['daibieu2'])).toMatchObject({ status: 'online', source: 'self' });
    expect(update.value.quorum).toEqual({
      rule: DEFAULT_QUORUM_RULE,
      votingMembers: 3,
      present: 2,
      required: 2,
      reached: true,
    });
  });

  it('lets the secretary mark a delegate absent with a reason, but not a delegate mark someone else', async () => {
    const meeting = await meetingWith();
    const ids = meeting.participantIds;
    const [secretary, delegate] = await Promise.all(['thuky', 'daibieu'].map(connect));
    await join(secretary, meeting.meetingId);
    await join(delegate, meeting.meetingId);

    const marked = delegate.nextUpdate('attendance', (a) => entryOf(a, ids['daibieu2']).status === 'absent');
    await expect(
      secretary.call('attendance:check-in', {
        meetingId: meeting.meetingId,
        participantId: ids['daibieu2'],
        status: 'absent',
        reason: '  Đi công tác tỉnh  ',
      }),
    ).resolves.toEqual(OK);
    expect(entryOf((await marked).value, ids['daibieu2'])).toMatchObject({
      status: 'absent',
      reason: 'Đi công tác tỉnh',
      source: 'organiser',
      checkedInAt: null,
    });
    expect(await audit('attendance.marked', meeting.meetingId)).toMatchObject([
      {
        subjectId: ids['daibieu2'],
        details: { status: 'absent', reason: 'Đi công tác tỉnh', previousStatus: 'unknown' },
      },
    ]);

    const version = snapshotOf(await delegate.call('live:sync', { meetingId: meeting.meetingId })).version;
    await expect(
      delegate.call('attendance:check-in', {
        meetingId: meeting.meetingId,
        participantId: ids['daibieu2'],
        status: 'in_person',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(delegate.errors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    // someone who does not take part, and a reason without an absence
    await expect(
      secretary.call('attendance:check-in', {
        meetingId: meeting.meetingId,
        participantId: anBinh[0].userId,
        status: 'in_person',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(
      delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person', reason: 'muộn' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', errors: [{ path: 'reason' }] } });

    const after = snapshotOf(await delegate.call('live:sync', { meetingId: meeting.meetingId }));
    expect(after.version).toBe(version);
    expect(entryOf(after.attendance, ids['daibieu2']).status).toBe('absent');
    expect(entryOf(after.attendance, ids['daibieu']).status).toBe('unknown');
  });

  it('answers a non-participant 404 and sends them nothing', async () => {
    const meeting = await meetingWith();
    const [outsider, delegate] = await Promise.all(['khach', 'daibieu'].map(connect));
    await join(delegate, meeting.meetingId);

    await expect(outsider.call('live:join', { meetingId: meeting.meetingId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(
      outsider.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(
      outsider.call('attendance:proxy', {
        meetingId: meeting.meetingId,
        holderParticipantId: meeting.participantIds['daibieu'],
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const checkedIn = delegate.nextUpdate('attendance');
    await delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' });
    await checkedIn;
    expect(outsider.updates).toEqual([]);
    expect(entryOf((await checkedIn).value, meeting.participantIds['daibieu']).status).toBe('in_person');
  });

  it('refuses invalid payloads with VALIDATION_FAILED, changing nothing and keeping the socket', async () => {
    const meeting = await meetingWith();
    const delegate = await connect('daibieu');
    const before = await join(delegate, meeting.meetingId);
    const { meetingId } = meeting;

    const invalid: [string, unknown, string?][] = [
      ['attendance:check-in', { meetingId: 'not-a-uuid', status: 'in_person' }, 'meetingId'],
      ['attendance:check-in', { meetingId, participantId: 'someone', status: 'in_person' }, 'participantId'],
      ['attendance:check-in', { meetingId, status: 'late' }, 'status'],
      ['attendance:check-in', { meetingId, status: 'in_person', seat: 12 }],
      ['attendance:check-in', { meetingId, status: 'absent', reason: 'x'.repeat(501) }, 'reason'],
      ['attendance:site-members', { meetingId, presentParticipantIds: ['nope'] }],
      ['attendance:proxy', { meetingId }, 'holderParticipantId'],
      ['attendance:quorum-rule', { meetingId, rule: { numerator: 3, denominator: 2, strict: true } }],
      ['attendance:quorum-rule', { meetingId, rule: { numerator: 1, denominator: 2 } }],
    ];
    for (const [event, payload, path] of invalid) {
      const result = await delegate.callRaw(event, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      if (path) {
        expect(result).toMatchObject({
          error: { errors: expect.arrayContaining([expect.objectContaining({ path })]) },
        });
      }
    }
    expect(delegate.errors).toHaveLength(invalid.length);
    expect(delegate.socket.connected).toBe(true);
    const after = snapshotOf(await delegate.call('live:sync', { meetingId }));
    expect(after.version).toBe(before.version);
    expect(after.attendance).toEqual(before.attendance);
  });

  it('lets a commune site declare the members of its commune present, and only those', async () => {
    const meeting = await meetingWith({ anBinh: true });
    const ids = meeting.participantIds;
    const [an, binh] = anBinh.map((person) => ids[person.displayName]);
    const [site, chair, secretary, delegate] = await Promise.all(
      ['xa.anbinh', 'chutoa', 'thuky', 'daibieu'].map(connect),
    );
    const before = await join(chair, meeting.meetingId);
    await join(site, meeting.meetingId);
    await join(secretary, meeting.meetingId);
    expect(before.attendance.quorum).toMatchObject({ votingMembers: 5, present: 0, required: 3 });
    expect(entryOf(before.attendance, an)).toMatchObject({ unitName: 'Xã An Bình', votingMember: true });

    // the site's own account checks itself in: it joined the video bridge
    await expect(site.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'online' })).resolves.toEqual(
      OK,
    );

    const declared = chair.nextUpdate('attendance', (a) => entryOf(a, binh).status === 'in_person');
    await expect(
      site.call('attendance:site-members', { meetingId: meeting.meetingId, presentParticipantIds: [an, binh, an] }),
    ).resolves.toEqual(OK);
    const state = (await declared).value;
    for (const member of [an, binh]) {
      expect(entryOf(state, member)).toMatchObject({
        status: 'in_person',
        source: 'site',
        siteParticipantId: ids['xa.anbinh'],
        checkedInAt: expect.any(String),
      });
    }
    expect(entryOf(state, ids['xa.anbinh'])).toMatchObject({ status: 'online', source: 'self' });
    // the site itself does not vote: the two members count, the site does not
    expect(state.quorum).toMatchObject({ votingMembers: 5, present: 2, reached: false });

    // people of another unit, the site itself, strangers; and only a site may declare
    for (const [presentParticipantIds, code] of [
      [[an, ids['daibieu']], 'FORBIDDEN'],
      [[ids['xa.anbinh']], 'FORBIDDEN'],
      [[anBinh[0].userId], 'NOT_FOUND'],
    ] as const) {
      await expect(
        site.call('attendance:site-members', {
          meetingId: meeting.meetingId,
          presentParticipantIds: [...presentParticipantIds],
        }),
      ).resolves.toMatchObject({ ok: false, error: { code } });
    }
    await expect(
      delegate.call('attendance:site-members', { meetingId: meeting.meetingId, presentParticipantIds: [] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const unchanged = snapshotOf(await chair.call('live:sync', { meetingId: meeting.meetingId }));
    expect(entryOf(unchanged.attendance, ids['daibieu']).status).toBe('unknown');
    expect(unchanged.attendance.quorum.present).toBe(2);

    // the secretary marks Bình online: the site's next declaration no longer owns her
    await expect(
      secretary.call('attendance:check-in', { meetingId: meeting.meetingId, participantId: binh, status: 'online' }),
    ).resolves.toEqual(OK);
    const cleared = chair.nextUpdate('attendance', (a) => entryOf(a, an).status === 'unknown');
    await expect(
      site.call('attendance:site-members', { meetingId: meeting.meetingId, presentParticipantIds: [] }),
    ).resolves.toEqual(OK);
    const after = (await cleared).value;
    expect(entryOf(after, an)).toMatchObject({
      status: 'unknown',
      source: null,
      siteParticipantId: null,
      checkedInAt: null,
    });
    expect(entryOf(after, binh)).toMatchObject({ status: 'online', source: 'organiser', siteParticipantId: null });
    expect(after.quorum.present).toBe(1);

    const declarations = await audit('attendance.site_declared', meeting.meetingId);
    expect(declarations.map((entry) => entry.details)).toEqual([
      { present: [an, binh], noLongerPresent: [] },
      { present: [], noLongerPresent: [an] },
    ]);
  });

  it('gives a vote by proxy and takes it back, refuses chains, and eligibleVoters follows presence and proxies', async () => {
    const meeting = await meetingWith();
    const ids = meeting.participantIds;
    const voters = () => t.app.get(AttendanceService).eligibleVoters(meeting.meetingId);
    const [chair, delegate, delegate2, secretary] = await Promise.all(
      ['chutoa', 'daibieu', 'daibieu2', 'thuky'].map(connect),
    );
    for (const client of [chair, delegate, delegate2, secretary]) await join(client, meeting.meetingId);
    await expect(voters()).resolves.toEqual([]);

    const given = chair.nextUpdate('attendance', (a) => entryOf(a, ids['daibieu']).proxyHolderId === ids['daibieu2']);
    await expect(
      delegate.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['daibieu2'] }),
    ).resolves.toEqual(OK);
    await given;
    expect(snapshotOf(await delegate2.call('live:sync', { meetingId: meeting.meetingId })).viewer.represents).toEqual([
      ids['daibieu2'],
      ids['daibieu'],
    ]);
    // the holder is not present yet: nobody votes for the member
    await expect(voters()).resolves.toEqual([]);

    await delegate2.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'online' });
    await expect(voters()).resolves.toEqual([
      { memberParticipantId: ids['daibieu'], castByParticipantId: ids['daibieu2'] },
      { memberParticipantId: ids['daibieu2'], castByParticipantId: ids['daibieu2'] },
    ]);

    // no chains: the holder may not give votes away, nobody may give to a member who gave theirs
    await expect(
      delegate2.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['chutoa'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await expect(
      chair.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['daibieu'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // not oneself, not to a non-voting participant, not from a non-voting participant
    await expect(
      chair.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['chutoa'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(
      chair.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['thuky'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await expect(
      secretary.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['chutoa'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(
      chair.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: anBinh[0].userId }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // the member comes after all: they vote for themself
    await delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' });
    await expect(voters()).resolves.toEqual([
      { memberParticipantId: ids['daibieu'], castByParticipantId: ids['daibieu'] },
      { memberParticipantId: ids['daibieu2'], castByParticipantId: ids['daibieu2'] },
    ]);

    const withdrawn = chair.nextUpdate('attendance', (a) => entryOf(a, ids['daibieu']).proxyHolderId === null);
    await expect(
      delegate.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: null }),
    ).resolves.toEqual(OK);
    await withdrawn;
    await delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'absent' });
    await chair.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' });
    await expect(voters()).resolves.toEqual([
      { memberParticipantId: ids['chutoa'], castByParticipantId: ids['chutoa'] },
      { memberParticipantId: ids['daibieu2'], castByParticipantId: ids['daibieu2'] },
    ]);
    // once the vote is back, the former holder may give theirs
    await expect(
      delegate2.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['chutoa'] }),
    ).resolves.toEqual(OK);

    const proxies = await audit('attendance.proxy_changed', meeting.meetingId);
    expect(proxies.map((entry) => [entry.subjectId, entry.details])).toEqual([
      [ids['daibieu'], { holderParticipantId: ids['daibieu2'], previousHolderParticipantId: null }],
      [ids['daibieu'], { holderParticipantId: null, previousHolderParticipantId: ids['daibieu2'] }],
      [ids['daibieu2'], { holderParticipantId: ids['chutoa'], previousHolderParticipantId: null }],
    ]);
  });

  it('lets the organisers change the quorum rule, which moves `required`, and keeps it', async () => {
    const meeting = await meetingWith({ anBinh: true });
    const ids = meeting.participantIds;
    const [chair, delegate, delegate2, site] = await Promise.all(
      ['chutoa', 'daibieu', 'daibieu2', 'xa.anbinh'].map(connect),
    );
    for (const client of [chair, delegate, delegate2, site]) await join(client, meeting.meetingId);
    await delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' });
    await delegate2.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' });
    const three = chair.nextUpdate('attendance', (a) => a.quorum.present === 3);
    await site.call('attendance:site-members', {
      meetingId: meeting.meetingId,
      presentParticipantIds: [ids[anBinh[0].displayName]],
    });
    // 3 of 5 is more than half
    expect((await three).value.quorum).toMatchObject({ votingMembers: 5, present: 3, required: 3, reached: true });

    const twoThirds = { numerator: 2, denominator: 3, strict: false };
    const changed = delegate.nextUpdate('attendance', (a) => a.quorum.rule.denominator === 3);
    await expect(
      chair.call('attendance:quorum-rule', { meetingId: meeting.meetingId, rule: twoThirds }),
    ).resolves.toEqual(OK);
    // at least 2/3 of 5 is 4
    expect((await changed).value.quorum).toEqual({
      rule: twoThirds,
      votingMembers: 5,
      present: 3,
      required: 4,
      reached: false,
    });

    await expect(
      delegate.call('attendance:quorum-rule', { meetingId: meeting.meetingId, rule: DEFAULT_QUORUM_RULE }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const later = await connect('thuky');
    expect((await join(later, meeting.meetingId)).attendance.quorum).toMatchObject({ rule: twoThirds, required: 4 });
    expect(await audit('attendance.quorum_rule_changed', meeting.meetingId)).toMatchObject([
      { actorName: 'chutoa', details: { rule: twoThirds, previous: DEFAULT_QUORUM_RULE } },
    ]);
  });

  it('works before the meeting starts and stops once it is closed', async () => {
    const meeting = await meetingWith({ status: 'scheduled' });
    const delegate = await connect('daibieu');
    await join(delegate, meeting.meetingId);
    await expect(
      delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'in_person' }),
    ).resolves.toEqual(OK);
    await expect(
      delegate.call('attendance:proxy', {
        meetingId: meeting.meetingId,
        holderParticipantId: meeting.participantIds['daibieu2'],
      }),
    ).resolves.toEqual(OK);

    await moveTo(meeting.secretary, meeting.meetingId, 'live');
    await transition(meeting.secretary, meeting.meetingId, 'closed').expect(200);
    await expect(
      delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'absent' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await expect(
      delegate.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: null }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('builds from the updates exactly the state of a fresh snapshot, one version per change', async () => {
    const meeting = await meetingWith({ anBinh: true });
    const ids = meeting.participantIds;
    const [observer, secretary, delegate, site] = await Promise.all(
      ['chutoa', 'thuky', 'daibieu', 'xa.anbinh'].map(connect),
    );
    const start = await join(observer, meeting.meetingId);
    for (const client of [secretary, delegate, site]) await join(client, meeting.meetingId);

    const changes = [
      () => delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'online' }),
      () =>
        secretary.call('attendance:check-in', {
          meetingId: meeting.meetingId,
          participantId: ids['daibieu2'],
          status: 'absent',
          reason: 'Ốm',
        }),
      () =>
        site.call('attendance:site-members', {
          meetingId: meeting.meetingId,
          presentParticipantIds: anBinh.map((person) => ids[person.displayName]),
        }),
      () => delegate.call('attendance:proxy', { meetingId: meeting.meetingId, holderParticipantId: ids['chutoa'] }),
      () =>
        secretary.call('attendance:quorum-rule', {
          meetingId: meeting.meetingId,
          rule: { numerator: 3, denominator: 4, strict: false },
        }),
      () => delegate.call('attendance:check-in', { meetingId: meeting.meetingId, status: 'absent' }),
    ];
    for (const change of changes) {
      const arrived = observer.nextUpdate('attendance');
      await expect(change()).resolves.toEqual(OK);
      await arrived;
    }

    expect(observer.updates.map((update) => update.version)).toEqual(changes.map((_, i) => start.version + i + 1));
    const built: Record<string, unknown> = { ...start };
    for (const update of observer.updates) built[update.slice] = update.value;
    const fresh = snapshotOf(await observer.call('live:sync', { meetingId: meeting.meetingId }));
    expect(fresh.version).toBe(start.version + changes.length);
    for (const slice of LIVE_SLICES) expect(fresh[slice]).toEqual(built[slice]);
    expect(fresh.attendance.quorum).toEqual({
      rule: { numerator: 3, denominator: 4, strict: false },
      votingMembers: 5,
      present: 2,
      required: 4,
      reached: false,
    });
    expect(entryOf(fresh.attendance, ids['daibieu'])).toMatchObject({ status: 'absent', proxyHolderId: ids['chutoa'] });
  });
});
