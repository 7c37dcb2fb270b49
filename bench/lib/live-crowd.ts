/**
 * A live meeting with a crowd of delegates, for the live-session benchmarks (fan-out, vote storm).
 *
 * - `prepareLiveCrowd()` boots the built product on a fresh DATA_DIR (it seeds the demo), moves the
 *   demo meeting to `live` through the API as the secretary, waits for the seeded documents to be
 *   processed and stops the server. With the server stopped, it adds N delegate accounts to the
 *   sqlite file — users (one argon2 hash reused), voting delegate participants of the meeting and
 *   login sessions stored as the product stores them (SHA-256 of the cookie token) — then boots the
 *   server again on the same DATA_DIR. Writing with the server stopped keeps its per-version
 *   snapshot cache honest and gives a server whose memory has not been touched by the seeding.
 * - `CrowdClients` spreads the delegates' sockets over child processes. Each socket connects to the
 *   `/live` namespace over websocket with the session cookie, like a browser: the real handshake
 *   authentication runs for every one of them.
 *
 * Clock: every process stamps events with `performance.timeOrigin + performance.now()` (wall-clock
 * milliseconds with sub-millisecond resolution); on one machine the stamps of different processes
 * are comparable.
 *
 * This file is also the entry point of the client processes (see the end of the file).
 */
import { ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type {
  DocumentResponse,
  LiveClientEvents,
  LiveEventName,
  LiveResult,
  LiveServerEvents,
  MeetingResponse,
} from '@app/shared';
import { LIVE_NAMESPACE, SESSION_COOKIE } from '@app/shared';
import { io, Socket } from 'socket.io-client';
import sqlite3 from 'sqlite3';

import { ApiSession } from './api-session';
import { LaunchedProduct, launchProduct } from './product-server';

/** Shared clock of all bench processes, in milliseconds. */
export const clock = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function sleepUntil(at: number): Promise<void> {
  const wait = at - clock();
  if (wait > 0) await sleep(wait);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Resident set size of a process, in kB (/proc/<pid>/status VmRSS). */
export function rssKb(pid: number): number {
  const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]);
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of proc(5), counted from after the command name.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// ---------- child processes: all killed when the bench ends, however it ends ----------

const children = new Set<ChildProcess>();
/** DATA_DIRs of the crowd's servers, deleted at exit if the bench did not get to it. */
const dataDirs = new Set<string>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

if (require.main !== module) {
  process.once('exit', killChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killChildren();
      process.exit(130);
    });
  }
}

/** Forks a TypeScript file of the bench as a child process (ts-node, transpile only), tracked for cleanup. */
export function forkTs(file: string, args: string[] = []): ChildProcess {
  return track(
    fork(file, args, {
      execArgv: ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register'],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

// ---------- the product server ----------

export type LiveServer = Pick<LaunchedProduct, 'url' | 'pid' | 'stop'>;

/** The built product on the given DATA_DIR, tracked for cleanup. */
export function startLiveServer(root: string, dataDir: string): Promise<LiveServer> {
  return launchProduct(root, dataDir, track);
}

// ---------- the crowd ----------

export interface CrowdMember {
  userId: string;
  participantId: string;
  displayName: string;
  /** Session cookie value. */
  token: string;
}

export interface LiveCrowd {
  url: string;
  serverPid: number;
  databaseFile: string;
  meetingId: string;
  /** A ready document of the meeting, for the presenter to show. */
  documentId: string;
  documentVersion: number;
  chair: CrowdMember;
  secretary: CrowdMember;
  delegates: CrowdMember[];
  /** Stops the server (idempotent), keeping its DATA_DIR. */
  stopServer(): Promise<void>;
  /** Stops the server and deletes its DATA_DIR. */
  stop(): Promise<void>;
}

export async function prepareLiveCrowd(root: string, size: number): Promise<LiveCrowd> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e-cabinet-bench-live-'));
  dataDirs.add(dataDir);
  const databaseFile = join(dataDir, 'e-cabinet.sqlite');
  let server: LiveServer | null = null;
  try {
    server = await startLiveServer(root, dataDir);
    const { meetingId, documentId, documentVersion } = await openDemoMeeting(server.url, dataDir);
    await server.stop();
    const people = await addCrowd(databaseFile, meetingId, size);
    server = await startLiveServer(root, dataDir);
    const running = server;
    return {
      url: running.url,
      serverPid: running.pid,
      databaseFile,
      meetingId,
      documentId,
      documentVersion,
      ...people,
      stopServer: () => running.stop(),
      async stop() {
        await running.stop();
        await rm(dataDir, { recursive: true, force: true });
        dataDirs.delete(dataDir);
      },
    };
  } catch (error) {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** As the secretary: the demo meeting goes live; its seeded documents are processed. */
async function openDemoMeeting(
  url: string,
  dataDir: string,
): Promise<{ meetingId: string; documentId: string; documentVersion: number }> {
  const accounts = JSON.parse(await readFile(join(dataDir, 'demo-accounts.json'), 'utf8')) as {
    username: string;
    password: string;
  }[];
  const password = accounts.find((account) => account.username === 'thuky')?.password;
  if (!password) throw new Error('no demo account thuky');
  const secretary = await ApiSession.login(url, 'thuky', password);
  const [meeting] = await secretary.request<MeetingResponse[]>('GET', '/api/meetings');
  if (meeting.status !== 'live') {
    await secretary.request('POST', `/api/meetings/${meeting.id}/transitions`, { json: { to: 'live' } });
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const documents = await secretary.request<DocumentResponse[]>('GET', `/api/meetings/${meeting.id}/documents`);
    if (documents.some((doc) => doc.status === 'failed')) throw new Error('a seeded document failed to process');
    const ready = documents.find((doc) => doc.currentVersion !== null);
    if (ready && documents.every((doc) => doc.status === 'ready')) {
      return { meetingId: meeting.id, documentId: ready.id, documentVersion: ready.currentVersion ?? 1 };
    }
    if (Date.now() > deadline) throw new Error('the seeded documents were not processed within 120 s');
    await sleep(250);
  }
}

/** With the server stopped: N voting delegates of the meeting, each with a login session. */
async function addCrowd(
  databaseFile: string,
  meetingId: string,
  size: number,
): Promise<{ chair: CrowdMember; secretary: CrowdMember; delegates: CrowdMember[] }> {
  const db = await openDatabase(databaseFile, sqlite3.OPEN_READWRITE);
  try {
    const organisers = await all<{ username: string; userId: string; participantId: string; displayName: string }>(
      db,
      `SELECT u.username, u.id AS userId, p.id AS participantId, u.displayName
         FROM participants p JOIN users u ON u.id = p.userId
        WHERE p.meetingId = ? AND u.username IN ('chutoa', 'thuky')`,
      [meetingId],
    );
    const [template] = await all<{ unitId: string; passwordHash: string }>(
      db,
      `SELECT unitId, passwordHash FROM users WHERE username = 'thuky'`,
    );
    const now = Date.now();
    const expiresAt = sqliteDate(now + 12 * 3_600_000);
    const absoluteExpiresAt = sqliteDate(now + 7 * 24 * 3_600_000);
    const session = async (userId: string): Promise<string> => {
      const token = randomBytes(32).toString('base64url');
      const tokenHash = createHash('sha256').update(token).digest('hex');
      await run(
        db,
        `INSERT INTO sessions (tokenHash, userId, expiresAt, absoluteExpiresAt, ip, userAgent) VALUES (?, ?, ?, ?, ?, ?)`,
        [tokenHash, userId, expiresAt, absoluteExpiresAt, '127.0.0.1', 'e-cabinet bench'],
      );
      return token;
    };
    const member = async (username: string): Promise<CrowdMember> => {
      const found = organisers.find((o) => o.username === username);
      if (!found) throw new Error(`${username} does not take part in the demo meeting`);
      return { ...found, token: await session(found.userId) };
    };

    await run(db, 'BEGIN');
    const chair = await member('chutoa');
    const secretary = await member('thuky');
    const delegates: CrowdMember[] = [];
    for (let i = 1; i <= size; i++) {
      const number = String(i).padStart(4, '0');
      const userId = randomUUID();
      const participantId = randomUUID();
      const displayName = `Đại biểu thử tải ${number}`;
      await run(
        db,
        `INSERT INTO users (id, username, displayName, passwordHash, role, email, unitId, active) VALUES (?, ?, ?, ?, 'delegate', NULL, ?, 1)`,
        [userId, `bench.daibieu.${number}`, displayName, template.passwordHash, template.unitId],
      );
      await run(
        db,
        `INSERT INTO participants (id, meetingId, userId, meetingRole, votingMember) VALUES (?, ?, ?, 'delegate', 1)`,
        [participantId, meetingId, userId],
      );
      delegates.push({ userId, participantId, displayName, token: await session(userId) });
    }
    await run(db, 'COMMIT');
    return { chair, secretary, delegates };
  } finally {
    await closeDatabase(db);
  }
}

/** TypeORM's sqlite datetime format: UTC `YYYY-MM-DD HH:mm:ss.SSS`. */
function sqliteDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function openDatabase(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

export function closeDatabase(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

export function all<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
  );
}

function run(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
}

// ---------- one socket on the live namespace ----------

type AckData<E extends LiveEventName> = Parameters<Parameters<LiveClientEvents[E]>[1]>[0];
export type LiveIoSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** Connects to `/live` over websocket with the session cookie, as a browser does; no reconnection. */
export function connectLive(url: string, token: string, timeoutMs = 30_000): Promise<LiveIoSocket> {
  const socket: LiveIoSocket = io(`${url}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
    extraHeaders: { Cookie: `${SESSION_COOKIE}=${token}` },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits a live event and waits for its acknowledgement. */
export function callLive<E extends LiveEventName>(
  socket: LiveIoSocket,
  event: E,
  payload: Parameters<LiveClientEvents[E]>[0],
  timeoutMs = 30_000,
): Promise<AckData<E>> {
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emitWithAck as unknown as (e: E, p: unknown) => Promise<AckData<E>>;
  return emit.call(timed, event, payload);
}

/** The data of a successful acknowledgement; throws with the server's message otherwise. */
export function expectOk<T>(result: LiveResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

// ---------- the crowd's sockets, spread over child processes ----------

/** A `presentation` update received by one client: its page and when it arrived. */
export interface Reception {
  client: number;
  page: number;
  at: number;
}

export interface BallotOutcome {
  ballotId: string;
  memberParticipantId: string;
  sentAt: number;
  /** Null: no acknowledgement within the time limit (or the socket dropped). */
  ackAt: number | null;
  ok: boolean;
  /** The error code of a refused ballot. */
  code: string | null;
  duplicate: boolean;
}

export interface CallTally {
  ok: number;
  failed: number;
  firstError: string | null;
}

export interface CastSpec {
  meetingId: string;
  pollId: string;
  /** Option keys; the member with global index g chooses options[g % length]. */
  options: string[];
  /** Global index g is sent at startAt + g × spacingMs (shared clock). */
  startAt: number;
  spacingMs: number;
}

type WorkerCommand =
  | { cmd: 'connect'; url: string; tokens: string[]; participantIds: string[] }
  | { cmd: 'call'; event: 'live:join' | 'attendance:check-in'; payload: Record<string, unknown> }
  | { cmd: 'record' }
  | { cmd: 'count' }
  | { cmd: 'collect' }
  | { cmd: 'cast'; spec: CastSpec; firstClient: number; stride: number; offset: number }
  | { cmd: 'disconnect' };

type WorkerRequest = WorkerCommand & { id: number };
type WorkerReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };

class CrowdWorker {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: WorkerReply) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.data);
      else waiter?.reject(new Error(message.error));
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`client process exited (${code ?? signal})`));
      }
      this.pending.clear();
    });
  }

  send<T>(command: WorkerCommand): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
      this.child.send({ ...command, id } satisfies WorkerRequest);
    });
  }
}

/** The delegates' sockets, `processes` client processes sharing them evenly. */
export class CrowdClients {
  /** Global client index of each process's first client. */
  private firstClients: number[] = [];

  private constructor(private readonly workers: CrowdWorker[]) {}

  static async spawn(processes: number): Promise<CrowdClients> {
    const workers = Array.from({ length: processes }, () => new CrowdWorker(forkTs(__filename)));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.child.once('message', () => resolve());
            worker.child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
          }),
      ),
    );
    return new CrowdClients(workers);
  }

  get processes(): number {
    return this.workers.length;
  }

  /** Connects every member (split in contiguous blocks, one per process); returns how many failed. */
  async connect(url: string, members: CrowdMember[]): Promise<CallTally> {
    const per = Math.ceil(members.length / this.workers.length);
    this.firstClients = this.workers.map((_, i) => i * per);
    return sum(
      await Promise.all(
        this.workers.map((worker, i) => {
          const block = members.slice(i * per, (i + 1) * per);
          return worker.send<CallTally>({
            cmd: 'connect',
            url,
            tokens: block.map((m) => m.token),
            participantIds: block.map((m) => m.participantId),
          });
        }),
      ),
    );
  }

  /** Every connected client emits `event` with the same payload and waits for its ack. */
  async callAll(event: 'live:join' | 'attendance:check-in', payload: Record<string, unknown>): Promise<CallTally> {
    return sum(await Promise.all(this.workers.map((w) => w.send<CallTally>({ cmd: 'call', event, payload }))));
  }

  /** Forgets what was received so far and records `presentation` updates from now on. */
  async record(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.send({ cmd: 'record' })));
  }

  async receivedCount(): Promise<number> {
    const counts = await Promise.all(this.workers.map((w) => w.send<number>({ cmd: 'count' })));
    return counts.reduce((a, b) => a + b, 0);
  }

  async collect(): Promise<Reception[]> {
    const parts = await Promise.all(
      this.workers.map((w) => w.send<{ client: number[]; page: number[]; at: number[] }>({ cmd: 'collect' })),
    );
    return parts.flatMap((part, w) =>
      part.client.map((client, i) => ({ client: this.firstClients[w] + client, page: part.page[i], at: part.at[i] })),
    );
  }

  /**
   * Each client casts one ballot for itself. Sends are spread evenly over time and interleaved
   * across processes: client c of process w has global index c × processes + w.
   */
  async cast(spec: CastSpec): Promise<BallotOutcome[]> {
    const parts = await Promise.all(
      this.workers.map((w, i) =>
        w.send<BallotOutcome[]>({
          cmd: 'cast',
          spec,
          firstClient: this.firstClients[i],
          stride: this.workers.length,
          offset: i,
        }),
      ),
    );
    return parts.flat();
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.send({ cmd: 'disconnect' })));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return;
        const exited = new Promise((resolve) => w.child.once('exit', resolve));
        w.child.kill('SIGTERM');
        await Promise.race([exited, sleep(3000)]);
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      }),
    );
  }
}

function sum(tallies: CallTally[]): CallTally {
  return tallies.reduce(
    (total, t) => ({
      ok: total.ok + t.ok,
      failed: total.failed + t.failed,
      firstError: total.firstError ?? t.firstError,
    }),
    { ok: 0, failed: 0, firstError: null },
  );
}

// ---------- the client process ----------

/** At most this many handshakes or calls in flight per process. */
const IN_FLIGHT = 25;

async function inPool<T>(items: T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

function runClientProcess(): void {
  let sockets: (LiveIoSocket | null)[] = [];
  let participantIds: string[] = [];
  let recording = false;
  let received = { client: [] as number[], page: [] as number[], at: [] as number[] };

  const listen = (socket: LiveIoSocket, client: number) => {
    socket.on('live:update', (update) => {
      const at = clock();
      if (recording && update.slice === 'presentation' && update.value.position) {
        received.client.push(client);
        received.page.push(update.value.position.page);
        received.at.push(at);
      }
    });
  };

  const tally = async (work: (socket: LiveIoSocket, index: number) => Promise<void>): Promise<CallTally> => {
    const result: CallTally = { ok: 0, failed: 0, firstError: null };
    await inPool(sockets, async (socket, index) => {
      try {
        if (!socket) throw new Error('not connected');
        await work(socket, index);
        result.ok++;
      } catch (error) {
        result.failed++;
        result.firstError ??= (error as Error).message;
      }
    });
    return result;
  };

  const handle = async (request: WorkerRequest): Promise<unknown> => {
    switch (request.cmd) {
      case 'connect': {
        participantIds = request.participantIds;
        sockets = request.tokens.map(() => null);
        const result: CallTally = { ok: 0, failed: 0, firstError: null };
        await inPool(request.tokens, async (token, index) => {
          try {
            const socket = await connectLive(request.url, token);
            listen(socket, index);
            sockets[index] = socket;
            result.ok++;
          } catch (error) {
            result.failed++;
            result.firstError ??= (error as Error).message;
          }
        });
        return result;
      }
      case 'call':
        return tally(async (socket) => {
          const emit = socket.timeout(30_000).emitWithAck as unknown as (
            e: string,
            p: unknown,
          ) => Promise<LiveResult<unknown>>;
          expectOk(await emit.call(socket.timeout(30_000), request.event, request.payload), request.event);
        });
      case 'record':
        received = { client: [], page: [], at: [] };
        recording = true;
        return null;
      case 'count':
        return received.client.length;
      case 'collect':
        recording = false;
        return received;
      case 'cast':
        return castAll(request);
      case 'disconnect':
        for (const socket of sockets) socket?.disconnect();
        sockets = [];
        return null;
    }
  };

  const castAll = async (request: Extract<WorkerRequest, { cmd: 'cast' }>): Promise<BallotOutcome[]> => {
    const { spec } = request;
    return Promise.all(
      sockets.map(async (socket, client) => {
        const global = client * request.stride + request.offset;
        const outcome: BallotOutcome = {
          ballotId: randomUUID(),
          memberParticipantId: participantIds[client],
          sentAt: 0,
          ackAt: null,
          ok: false,
          code: null,
          duplicate: false,
        };
        await sleepUntil(spec.startAt + global * spec.spacingMs);
        outcome.sentAt = clock();
        if (!socket) return { ...outcome, code: 'NOT_CONNECTED' };
        try {
          const result = await callLive(socket, 'ballot:cast', {
            meetingId: spec.meetingId,
            pollId: spec.pollId,
            ballotId: outcome.ballotId,
            memberParticipantId: outcome.memberParticipantId,
            choices: [spec.options[global % spec.options.length]],
          });
          outcome.ackAt = clock();
          outcome.ok = result.ok;
          if (result.ok) outcome.duplicate = result.data.duplicate;
          else outcome.code = result.error.code;
        } catch {
          outcome.code = 'NO_ACK';
        }
        return outcome;
      }),
    );
  };

  process.on('message', (request: WorkerRequest) => {
    handle(request).then(
      (data) => process.send?.({ id: request.id, ok: true, data } satisfies WorkerReply),
      (error: unknown) => process.send?.({ id: request.id, ok: false, error: String(error) } satisfies WorkerReply),
    );
  });
  // The bench is gone (or ends us): close the sockets and leave.
  process.once('disconnect', () => process.exit(0));
  process.once('SIGTERM', () => {
    for (const socket of sockets) socket?.disconnect();
    process.exit(0);
  });
  process.send?.('ready');
}

if (require.main === module) runClientProcess();
