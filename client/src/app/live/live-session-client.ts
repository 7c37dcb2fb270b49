import {
  computed,
  DestroyRef,
  DOCUMENT,
  effect,
  inject,
  Injectable,
  InjectionToken,
  signal,
  untracked,
} from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  ErrorCode,
  ErrorResponse,
  LIVE_NAMESPACE,
  LiveClientEvents,
  LiveEventName,
  LiveResult,
  LiveServerEvents,
  decodeLiveSnapshot,
  LiveSnapshot,
  LiveUpdate,
  LiveViewer,
} from '@app/shared';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom, Observable, Subject } from 'rxjs';
import { io, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';

import { AuthStore } from '../core/auth/auth-store';
import { LanguagePreference } from '../core/i18n/language-preference';
import { localizeServerMessage } from '../core/i18n/server-message';
import { MeetingsApi } from '../meetings/meetings-api';
import { BallotOutbox, PendingBallot } from './ballot-outbox';

export type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/**
 * A weak link comes and goes: try again for ever, soon (0.5 s, then at most about 3 s apart, so a
 * tablet back in range is in the meeting again within seconds), and give a slow handshake 20 s.
 * Same origin: the session cookie goes with the handshake.
 */
export const LIVE_SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  reconnection: true,
  reconnectionAttempts: Infinity,
  reconnectionDelay: 500,
  reconnectionDelayMax: 2000,
  randomizationFactor: 0.5,
  timeout: 20_000,
};

/** Makes the one socket of the live namespace; tests give a fake. */
export const LIVE_SOCKET_FACTORY = new InjectionToken<() => LiveSocket>('LIVE_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => () => io(LIVE_NAMESPACE, LIVE_SOCKET_OPTIONS),
});

export interface LiveTimings {
  /** How long a call waits for its acknowledgement. */
  callTimeoutMs: number;
  /** A ballot waits less before it is sent again (with the same ballotId). */
  ballotTimeoutMs: number;
  /** First wait before a ballot is sent again; it doubles up to `ballotRetryMaxMs`. */
  ballotRetryMs: number;
  ballotRetryMaxMs: number;
  /** Gaps seen within this time ask for one snapshot. */
  syncDebounceMs: number;
  /** A join that timed out is tried again after this (while connected). */
  rejoinMs: number;
}

export const LIVE_TIMINGS = new InjectionToken<LiveTimings>('LIVE_TIMINGS', {
  providedIn: 'root',
  factory: () => ({
    callTimeoutMs: 15_000,
    ballotTimeoutMs: 8_000,
    ballotRetryMs: 1_000,
    ballotRetryMaxMs: 10_000,
    syncDebounceMs: 250,
    rejoinMs: 2_000,
  }),
});

type Ack<E extends LiveEventName> = Parameters<LiveClientEvents[E]>[1];
export type LivePayload<E extends LiveEventName> = Parameters<LiveClientEvents[E]>[0];
export type LiveData<E extends LiveEventName> = Parameters<Ack<E>>[0] extends LiveResult<infer T> ? T : never;

export interface LiveCallOptions {
  timeoutMs?: number;
  /** No snackbar on failure: the caller shows it (or it does not matter). */
  quiet?: boolean;
}

/** Made here, not by the server: the call never reached it, or its answer never came back. */
export const OFFLINE_ERROR: ErrorResponse = {
  code: ErrorCode.Unavailable,
  message: 'Mất kết nối tới máy chủ, đang kết nối lại / No connection to the server, reconnecting',
};
export const TIMEOUT_ERROR: ErrorResponse = {
  code: ErrorCode.Unavailable,
  message: 'Máy chủ chưa trả lời, vui lòng thử lại / The server did not answer, please try again',
};

/** Worth sending again: the server did not refuse it, it just did not (or could not) answer. */
function isTransient(error: ErrorResponse): boolean {
  return (
    error.code === ErrorCode.Unavailable || error.code === ErrorCode.Internal || error.code === ErrorCode.RateLimited
  );
}

/** The members a participant votes for: themself (if voting) and those who gave them their vote. */
function representedBy(viewer: LiveViewer, snapshot: Pick<LiveSnapshot, 'attendance'>): string[] {
  const me = snapshot.attendance.entries.find((entry) => entry.participantId === viewer.participantId);
  const voting = me?.votingMember ?? viewer.votingMember;
  return [
    ...(voting ? [viewer.participantId] : []),
    ...snapshot.attendance.entries
      .filter((entry) => entry.proxyHolderId === viewer.participantId && entry.votingMember)
      .map((entry) => entry.participantId),
  ];
}

/**
 * The one connection to the live session (socket.io namespace `/live`), shared by the live page and the
 * reader. State is the server's: a snapshot on join, then updates applied strictly in version order;
 * a gap (or an older version) asks for a fresh snapshot, and every (re)connection joins again and
 * replaces the state. Ballots go through an outbox that keeps their id until acknowledged.
 */
@Injectable({ providedIn: 'root' })
export class LiveSessionClient {
  private readonly createSocket = inject(LIVE_SOCKET_FACTORY);
  private readonly timings = inject(LIVE_TIMINGS);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly lang = inject(LanguagePreference).active;
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly window = inject(DOCUMENT).defaultView;

  private socket: LiveSocket | null = null;
  private meetingId: string | null = null;
  private userId: string | null | undefined = undefined;
  /** A join or sync is on its way: updates wait for its snapshot. */
  private loading = false;
  private joining = false;
  private held: LiveUpdate[] = [];
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private joinWaiters: { resolve: (snapshot: LiveSnapshot) => void; reject: (error: ErrorResponse) => void }[] = [];
  private callsInFlight = 0;
  /** Ends every call waiting for an answer that a dropped connection will never bring. */
  private readonly abandon = new Set<() => void>();
  private lastSnack: { message: string; at: number } | null = null;

  private readonly outbox: BallotOutbox;
  private readonly sending = new Set<string>();
  private readonly retries = new Map<string, { timer: ReturnType<typeof setTimeout> | null; attempts: number }>();
  private readonly ballotWaiters = new Map<string, ((counted: boolean) => void)[]>();

  private readonly snapshot = signal<LiveSnapshot | null>(null);
  private readonly isConnected = signal(false);
  private readonly failure = signal<ErrorResponse | null>(null);
  private readonly pending = signal<PendingBallot[]>([]);
  private readonly offset = signal(0);
  /** Listeners added with `on()`: put on every socket this client makes, now and after a new one. */
  private readonly listeners = new Map<string, Set<(...args: never[]) => void>>();
  private readonly connects = new Subject<void>();

  /** The live state of the joined meeting; null until its snapshot arrived. */
  readonly state = this.snapshot.asReadonly();
  readonly connected = this.isConnected.asReadonly();
  /** Why the session cannot be joined (not a participant, not logged in); null otherwise. */
  readonly error = this.failure.asReadonly();
  /** Ballots sent and not yet acknowledged. */
  readonly pendingBallots = this.pending.asReadonly();
  /** Server clock minus this device's clock (ms), from the last snapshot. */
  readonly clockOffsetMs = this.offset.asReadonly();
  /**
   * Every (re)connection of the socket. The server forgets a socket's rooms and media when it drops, so
   * whatever rides on it (the video bridge) joins again here.
   */
  readonly connected$: Observable<void> = this.connects.asObservable();

  readonly meeting = computed(() => this.snapshot()?.meeting ?? null);
  readonly attendance = computed(() => this.snapshot()?.attendance ?? null);
  readonly presentation = computed(() => this.snapshot()?.presentation ?? null);
  readonly speakers = computed(() => this.snapshot()?.speakers ?? null);
  readonly polls = computed(() => this.snapshot()?.polls ?? null);
  readonly conclusions = computed(() => this.snapshot()?.conclusions ?? null);
  readonly viewer = computed(() => this.snapshot()?.viewer ?? null);

  constructor() {
    let storage: Storage | null = null;
    try {
      storage = this.window?.localStorage ?? null;
    } catch {
      storage = null;
    }
    this.outbox = new BallotOutbox(storage, () => crypto.randomUUID());
    this.refreshPending();
    // Someone else logs in on this tablet: the old handshake's session must not act for them.
    const auth = inject(AuthStore);
    effect(() => {
      const userId = auth.user()?.id ?? null;
      untracked(() => {
        if (this.userId !== undefined && userId !== this.userId) {
          this.close();
        }
        this.userId = userId;
      });
    });
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /** The meeting joined (or being joined), if any. */
  joinedMeetingId(): string | null {
    return this.meetingId;
  }

  /** Now on the server's clock (ms since epoch): timers count down the same everywhere. */
  serverNow(): number {
    return Date.now() + this.offset();
  }

  /**
   * Joins a meeting's live session (leaving another one); resolves with the first snapshot, rejects with
   * the server's error when it refuses. Joining the meeting already joined just waits for its snapshot.
   */
  join(meetingId: string): Promise<LiveSnapshot> {
    const current = this.snapshot();
    if (this.meetingId === meetingId && current && !this.failure()) {
      return Promise.resolve(current);
    }
    if (this.meetingId !== meetingId || this.failure()) {
      this.switchTo(meetingId);
    }
    const joined = new Promise<LiveSnapshot>((resolve, reject) => this.joinWaiters.push({ resolve, reject }));
    const socket = this.ensureSocket();
    if (socket.connected) {
      void this.joinNow();
    } else if (!socket.active) {
      socket.connect();
    }
    return joined;
  }

  /** Joins only when the meeting is live now (the reader asks; it should not open a socket for nothing). */
  async joinIfLive(meetingId: string): Promise<void> {
    if (this.meetingId === meetingId) {
      return;
    }
    try {
      const meeting = await firstValueFrom(this.meetingsApi.get(meetingId));
      if (meeting.status === 'live' && this.meetingId !== meetingId) {
        await this.join(meetingId);
      }
    } catch {
      // Not reachable or refused: the reader works without the live session.
    }
  }

  /** Leaves the meeting and closes the connection. Idempotent. */
  close(): void {
    const socket = this.socket;
    this.switchTo(null);
    this.socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
    this.isConnected.set(false);
    for (const retry of this.retries.values()) {
      if (retry.timer) clearTimeout(retry.timer);
    }
    this.retries.clear();
  }

  /**
   * Sends one event and resolves with its acknowledgement, or with an UNAVAILABLE error when offline, when
   * the connection drops or after the timeout. Failures show a snackbar in the reader's language unless quiet.
   */
  call<E extends LiveEventName>(
    event: E,
    payload: LivePayload<E>,
    options: LiveCallOptions = {},
  ): Promise<LiveResult<LiveData<E>>> {
    const socket = this.socket;
    if (!socket?.connected) {
      if (!options.quiet) this.showError(OFFLINE_ERROR);
      return Promise.resolve({ ok: false, error: OFFLINE_ERROR });
    }
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: LiveResult<LiveData<E>>) => {
        if (settled) return;
        settled = true;
        this.callsInFlight--;
        clearTimeout(timer);
        this.abandon.delete(abandon);
        if (!result.ok && !options.quiet) this.showError(result.error);
        resolve(result);
      };
      const abandon = () => finish({ ok: false, error: OFFLINE_ERROR });
      const timer = setTimeout(
        () => finish({ ok: false, error: TIMEOUT_ERROR }),
        options.timeoutMs ?? this.timings.callTimeoutMs,
      );
      this.callsInFlight++;
      this.abandon.add(abandon);
      const emit = socket.emit as unknown as (
        event: string,
        payload: unknown,
        ack: (result: LiveResult<LiveData<E>> | undefined) => void,
      ) => void;
      emit.call(socket, event, payload, (result) =>
        finish(result ?? { ok: false, error: { code: ErrorCode.Internal, message: '' } }),
      );
    });
  }

  /**
   * Listens to one server event on the live socket, this one and any made later (after `close()` and a new
   * `join()`). Returns the function that stops listening.
   */
  on<E extends keyof LiveServerEvents>(event: E, handler: LiveServerEvents[E]): () => void {
    const listener = handler as (...args: never[]) => void;
    const handlers = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, handlers);
    handlers.add(listener);
    this.socket?.on(event, handler as never);
    return () => {
      handlers.delete(listener);
      this.socket?.off(event, handler as never);
    };
  }

  /**
   * Casts the ballot of one represented member. Its ballotId is made once and kept (in localStorage too)
   * until the server acknowledges it; timeouts and reconnections send the same ballot again. Resolves
   * true once counted, false when refused or when the poll closed first.
   */
  castBallot(pollId: string, memberParticipantId: string, choices: string[]): Promise<boolean> {
    const meetingId = this.meetingId;
    if (!meetingId) {
      return Promise.resolve(false);
    }
    const ballot = this.outbox.take(meetingId, pollId, memberParticipantId, choices);
    this.refreshPending();
    const key = ballotKey(ballot);
    const counted = new Promise<boolean>((resolve) =>
      this.ballotWaiters.set(key, [...(this.ballotWaiters.get(key) ?? []), resolve]),
    );
    void this.sendBallot(ballot);
    return counted;
  }

  /** The ballot waiting for its acknowledgement for this member in this poll, if any. */
  pendingBallot(pollId: string, memberParticipantId: string): PendingBallot | null {
    return this.pending().find((b) => b.pollId === pollId && b.memberParticipantId === memberParticipantId) ?? null;
  }

  private switchTo(meetingId: string | null): void {
    const previous = this.meetingId;
    if (previous && previous !== meetingId && this.socket?.connected) {
      this.socket.emit('live:leave', { meetingId: previous }, () => undefined);
    }
    this.meetingId = meetingId;
    this.snapshot.set(null);
    this.failure.set(null);
    this.held = [];
    this.loading = false;
    this.joining = false;
    this.cancelTimers();
    for (const waiter of this.joinWaiters) waiter.reject(OFFLINE_ERROR);
    this.joinWaiters = [];
  }

  private cancelTimers(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.syncTimer = null;
    this.rejoinTimer = null;
  }

  private ensureSocket(): LiveSocket {
    if (this.socket) {
      return this.socket;
    }
    const socket = this.createSocket();
    this.socket = socket;
    socket.on('connect', () => {
      this.isConnected.set(true);
      // A new connection is in no room: join again and take the whole state afresh.
      void this.joinNow();
      this.connects.next();
    });
    socket.on('disconnect', (reason) => {
      this.isConnected.set(false);
      this.joining = false;
      for (const abandon of [...this.abandon]) abandon();
      // The server closed it (e.g. restarting): socket.io leaves that to us.
      if (reason === 'io server disconnect' && this.meetingId) {
        this.rejoinTimer = setTimeout(() => this.socket?.connect(), this.timings.rejoinMs);
      }
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      if (socket.active) {
        return; // Temporary: socket.io tries again by itself.
      }
      // Refused at the handshake (not logged in, another site): trying again would not help.
      const data = error.data as Partial<ErrorResponse> | undefined;
      const refusal: ErrorResponse =
        data?.code && data.message ? { code: data.code, message: data.message } : OFFLINE_ERROR;
      this.failure.set(refusal);
      for (const waiter of this.joinWaiters) waiter.reject(refusal);
      this.joinWaiters = [];
    });
    socket.on('live:update', (update) => this.receive(update));
    for (const [event, handlers] of this.listeners) {
      for (const handler of handlers) socket.on(event as keyof LiveServerEvents, handler as never);
    }
    socket.on('error', (error) => {
      // A call's failure comes with its answer, which shows it; this is for the others.
      if (this.callsInFlight === 0) this.showError(error);
    });
    return socket;
  }

  private async joinNow(): Promise<void> {
    const meetingId = this.meetingId;
    if (!meetingId || this.joining) {
      return;
    }
    this.joining = true;
    this.loading = true;
    this.held = [];
    const result = await this.call('live:join', { meetingId }, { quiet: true });
    if (meetingId !== this.meetingId) {
      return;
    }
    this.joining = false;
    if (result.ok) {
      this.failure.set(null);
      const snapshot = decodeLiveSnapshot(result.data);
      this.accept(snapshot);
      for (const waiter of this.joinWaiters) waiter.resolve(snapshot);
      this.joinWaiters = [];
      this.settleBallots(true);
      return;
    }
    this.loading = false;
    if (isTransient(result.error)) {
      // Timed out or dropped: the next connection joins; while connected, try again shortly.
      if (this.socket?.connected) {
        this.rejoinTimer = setTimeout(() => void this.joinNow(), this.timings.rejoinMs);
      }
      return;
    }
    this.failure.set(result.error);
    for (const waiter of this.joinWaiters) waiter.reject(result.error);
    this.joinWaiters = [];
  }

  private requestSync(): void {
    if (this.syncTimer || this.loading) {
      return;
    }
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      void this.syncNow();
    }, this.timings.syncDebounceMs);
  }

  private async syncNow(): Promise<void> {
    const meetingId = this.meetingId;
    if (!meetingId || this.loading || !this.socket?.connected) {
      return; // A reconnection joins again anyway.
    }
    this.loading = true;
    this.held = [];
    const result = await this.call('live:sync', { meetingId }, { quiet: true });
    if (meetingId !== this.meetingId) {
      return;
    }
    if (result.ok) {
      this.accept(decodeLiveSnapshot(result.data));
      this.settleBallots(true);
      return;
    }
    this.loading = false;
    if (isTransient(result.error)) {
      this.requestSync();
    }
  }

  /** A snapshot replaces the state whole; updates that came while waiting for it follow in order. */
  private accept(snapshot: LiveSnapshot): void {
    this.offset.set(Date.parse(snapshot.serverTime) - Date.now());
    this.snapshot.set(snapshot);
    this.loading = false;
    const held = this.held.sort((a, b) => a.version - b.version);
    this.held = [];
    for (const update of held) {
      if (update.version > snapshot.version) this.receive(update);
    }
  }

  private receive(update: LiveUpdate): void {
    if (update.meetingId !== this.meetingId) {
      return;
    }
    if (this.loading) {
      this.held.push(update);
      return;
    }
    const current = this.snapshot();
    if (!current) {
      return;
    }
    if (update.version === current.version + 1) {
      this.snapshot.set(this.applied(current, update));
      if (update.slice === 'polls') this.settleBallots(false);
    } else if (update.version !== current.version) {
      // Missed one (or the server went back): ask for the whole state.
      this.requestSync();
    }
  }

  private applied(current: LiveSnapshot, update: LiveUpdate): LiveSnapshot {
    const next = { ...current, version: update.version, [update.slice]: update.value } as LiveSnapshot;
    let viewer = current.viewer;
    if (update.slice === 'attendance') {
      viewer = { ...viewer, represents: representedBy(viewer, next) };
    }
    if (update.slice === 'polls' && update.value.active?.id !== current.polls.active?.id) {
      viewer = { ...viewer, votedInActivePoll: [] };
    }
    return viewer === current.viewer ? next : { ...next, viewer };
  }

  private async sendBallot(ballot: PendingBallot): Promise<void> {
    const key = ballotKey(ballot);
    if (this.sending.has(key)) {
      return;
    }
    const retry = this.retries.get(key);
    if (retry?.timer) {
      clearTimeout(retry.timer);
      retry.timer = null;
    }
    if (!this.socket?.connected) {
      return; // Sent again when the session is joined again.
    }
    this.sending.add(key);
    const result = await this.call(
      'ballot:cast',
      {
        meetingId: ballot.meetingId,
        pollId: ballot.pollId,
        ballotId: ballot.ballotId,
        memberParticipantId: ballot.memberParticipantId,
        choices: ballot.choices,
      },
      { quiet: true, timeoutMs: this.timings.ballotTimeoutMs },
    );
    this.sending.delete(key);
    if (!this.outbox.get(ballot.pollId, ballot.memberParticipantId)) {
      return; // Settled meanwhile (a snapshot showed it counted, or the poll closed).
    }
    if (result.ok) {
      this.ballotSettled(ballot, true);
    } else if (isTransient(result.error)) {
      this.retryBallot(ballot);
    } else {
      this.showError(result.error);
      this.ballotSettled(ballot, false);
    }
  }

  private retryBallot(ballot: PendingBallot): void {
    const key = ballotKey(ballot);
    const retry = this.retries.get(key) ?? { timer: null, attempts: 0 };
    this.retries.set(key, retry);
    if (!this.socket?.connected) {
      return; // The next join sends it.
    }
    const delay = Math.min(this.timings.ballotRetryMs * 2 ** retry.attempts, this.timings.ballotRetryMaxMs);
    retry.attempts++;
    retry.timer = setTimeout(() => {
      retry.timer = null;
      const pending = this.outbox.get(ballot.pollId, ballot.memberParticipantId);
      if (pending) void this.sendBallot(pending);
    }, delay);
  }

  /**
   * Matches the outbox with the state: a ballot of a poll no longer open is dropped (the poll closed
   * before it was acknowledged); one the server lists as cast is done; after a snapshot the others are
   * sent again, with their own ballotId.
   */
  private settleBallots(resend: boolean): void {
    const state = this.snapshot();
    if (!state) {
      return;
    }
    for (const ballot of this.outbox.list(state.meetingId)) {
      if (state.polls.active?.id !== ballot.pollId) {
        if (!this.sending.has(ballotKey(ballot))) {
          this.snack(this.transloco.translate('live.ballot.closedBeforeAck'));
        }
        this.ballotSettled(ballot, false);
      } else if (state.viewer.votedInActivePoll.includes(ballot.memberParticipantId)) {
        this.ballotSettled(ballot, true);
      } else if (resend && state.viewer.represents.includes(ballot.memberParticipantId)) {
        void this.sendBallot(ballot);
      }
    }
  }

  private ballotSettled(ballot: PendingBallot, counted: boolean): void {
    const key = ballotKey(ballot);
    this.outbox.remove(ballot.pollId, ballot.memberParticipantId);
    const retry = this.retries.get(key);
    if (retry?.timer) clearTimeout(retry.timer);
    this.retries.delete(key);
    this.refreshPending();
    const state = this.snapshot();
    if (
      counted &&
      state?.polls.active?.id === ballot.pollId &&
      !state.viewer.votedInActivePoll.includes(ballot.memberParticipantId)
    ) {
      this.snapshot.set({
        ...state,
        viewer: {
          ...state.viewer,
          votedInActivePoll: [...state.viewer.votedInActivePoll, ballot.memberParticipantId],
        },
      });
    }
    for (const resolve of this.ballotWaiters.get(key) ?? []) resolve(counted);
    this.ballotWaiters.delete(key);
  }

  private refreshPending(): void {
    this.pending.set(this.outbox.list());
  }

  private showError(error: ErrorResponse): void {
    const message = localizeServerMessage(error.message, this.lang()) || this.transloco.translate('live.actionFailed');
    this.snack(message);
  }

  private snack(message: string): void {
    const now = Date.now();
    if (this.lastSnack?.message === message && now - this.lastSnack.at < 3000) {
      return;
    }
    this.lastSnack = { message, at: now };
    this.snackBar.open(message, this.transloco.translate('common.close'), { duration: 6000 });
  }
}

function ballotKey(ballot: Pick<PendingBallot, 'pollId' | 'memberParticipantId'>): string {
  return `${ballot.pollId}:${ballot.memberParticipantId}`;
}
