import type {
  LiveClientEvents,
  LiveEventName,
  LiveResult,
  LiveServerEvents,
  LiveSliceName,
  LiveSlices,
  LiveSnapshot,
  LiveSnapshotWire,
  LiveUpdate,
  MeetingRole,
} from '@app/shared';
import { decodeLiveSnapshot, LIVE_NAMESPACE } from '@app/shared';
import { io, Socket } from 'socket.io-client';
import TestAgent from 'supertest/lib/agent';

import { addParticipants, createMeeting, moveTo, userIdOf } from '../../meetings/testing/meeting-fixtures';
import { loginAs, loginWithCookie } from '../../testing/login';
import type { TestApp } from '../../testing/test-app';

type AckData<E extends LiveEventName> = Parameters<Parameters<LiveClientEvents[E]>[1]>[0];

/** One participant's socket on the live namespace, with every update it received, in order. */
export class LiveTestClient {
  readonly updates: LiveUpdate[] = [];
  readonly errors: unknown[] = [];
  private waiters: { test: (update: LiveUpdate) => boolean; resolve: (update: LiveUpdate) => void }[] = [];

  constructor(readonly socket: Socket<LiveServerEvents, LiveClientEvents>) {
    socket.on('live:update', (update) => {
      this.updates.push(update);
      this.waiters = this.waiters.filter((waiter) => !(waiter.test(update) && (waiter.resolve(update), true)));
    });
    socket.on('error', (error) => this.errors.push(error));
  }

  /** Emits with an acknowledgement (2 s). A snapshot comes back decoded, as clients see it. */
  async call<E extends LiveEventName>(
    event: E,
    payload: Parameters<LiveClientEvents[E]>[0],
  ): Promise<E extends 'live:join' | 'live:sync' ? LiveResult<LiveSnapshot> : AckData<E>> {
    const emit = this.socket.timeout(2000).emitWithAck as unknown as (e: E, p: unknown) => Promise<AckData<E>>;
    const result = (await emit.call(this.socket.timeout(2000), event, payload)) as LiveResult<unknown>;
    const decoded =
      result.ok && (event === 'live:join' || event === 'live:sync')
        ? { ok: true, data: decodeLiveSnapshot(result.data as LiveSnapshotWire) }
        : result;
    return decoded as E extends 'live:join' | 'live:sync' ? LiveResult<LiveSnapshot> : AckData<E>;
  }

  /** Like `call`, for payloads that break the contract on purpose. */
  callRaw(event: string, payload: unknown): Promise<LiveResult<unknown>> {
    return (this.socket as unknown as Socket).timeout(2000).emitWithAck(event, payload);
  }

  /** The next update of `slice` (after those already received) whose value passes `test`. */
  nextUpdate<K extends LiveSliceName>(
    slice: K,
    test: (value: LiveSlices[K]) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<LiveUpdate & { slice: K; value: LiveSlices[K] }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${slice}" update within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test: (update) => update.slice === slice && test(update.value as LiveSlices[K]),
        resolve: (update) => {
          clearTimeout(timer);
          resolve(update as LiveUpdate & { slice: K; value: LiveSlices[K] });
        },
      });
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Connects `username` to the live namespace with a fresh login session. */
export async function connectLive(t: TestApp, username: string): Promise<LiveTestClient> {
  const { cookie } = await loginWithCookie(t, username);
  const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${t.url}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: { Cookie: cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return new LiveTestClient(socket);
}

export interface LiveMeeting {
  meetingId: string;
  /** thuky, who created the meeting (its secretary). */
  secretary: TestAgent;
  /** Participant id by username. */
  participantIds: Record<string, string>;
}

/**
 * A live meeting of the demo people: thuky secretary, chutoa chair, daibieu and daibieu2 delegates,
 * xa.anbinh a commune site (khach is not invited). Needs `createTestApp({ listen: true })`.
 */
export async function createLiveMeeting(
  t: TestApp,
  options: { status?: 'scheduled' | 'live' } = {},
): Promise<LiveMeeting> {
  const secretary = await loginAs(t, 'thuky');
  const meeting = await createMeeting(secretary, 1);
  await addParticipants(secretary, t, meeting.id, ['daibieu', 'daibieu2', 'xa.anbinh']);
  await secretary
    .post(`/api/meetings/${meeting.id}/participants`)
    .send({ userId: await userIdOf(t, 'chutoa'), meetingRole: 'chair' satisfies MeetingRole })
    .expect(201);
  await moveTo(secretary, meeting.id, options.status ?? 'live');
  const list = (await secretary.get(`/api/meetings/${meeting.id}/participants`).expect(200)).body as {
    id: string;
    userId: string;
  }[];
  const participantIds: Record<string, string> = {};
  for (const username of ['thuky', 'chutoa', 'daibieu', 'daibieu2', 'xa.anbinh']) {
    const userId = await userIdOf(t, username);
    const found = list.find((participant) => participant.userId === userId);
    if (found) participantIds[username] = found.id;
  }
  return { meetingId: meeting.id, secretary, participantIds };
}
