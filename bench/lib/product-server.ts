import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built product (dist/server/main.js) on a free loopback port with a throw-away data dir. */
export interface ProductServer {
  url: string;
  dataDir: string;
  demoPassword(username: string): Promise<string>;
  stop(): Promise<void>;
}

/** A running dist/server/main.js on a DATA_DIR the caller owns. */
export interface LaunchedProduct {
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** A free loopback TCP port (probed, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The built product on a free loopback port and the given DATA_DIR, once /api/health answers.
 * `onSpawn` sees the child first (e.g. to kill it if the bench dies while it starts).
 */
export async function launchProduct(
  root: string,
  dataDir: string,
  onSpawn: (child: ChildProcess) => void = () => undefined,
): Promise<LaunchedProduct> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      MEDIA_WORKERS: '1',
      MEDIA_RTC_MIN_PORT: '43000',
      MEDIA_RTC_MAX_PORT: '43999',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  onSpawn(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} (run npm run build first)`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not become healthy within 60 s');
    }
    await sleep(250);
  }
  return {
    url,
    pid: child.pid ?? 0,
    child,
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (!gone()) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** The built product with a throw-away data dir (the seeded demo), removed on stop. */
export async function startProductServer(root: string): Promise<ProductServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e-cabinet-bench-'));
  const product = await launchProduct(root, dataDir);
  return {
    url: product.url,
    dataDir,
    async demoPassword(username) {
      const accounts = JSON.parse(await readFile(join(dataDir, 'demo-accounts.json'), 'utf8')) as {
        username: string;
        password: string;
      }[];
      const account = accounts.find((a) => a.username === username);
      if (!account) throw new Error(`no demo account ${username}`);
      return account.password;
    },
    async stop() {
      await product.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
