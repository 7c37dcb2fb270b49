import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runTool, ToolOutputTooLargeError, ToolStartError, ToolTimeoutError } from './run-tool';
import { isProcessAlive } from './testing/process-probe';

describe('runTool', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-tool-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A script that starts a grandchild, records both pids, then waits forever. */
  async function hangingScript(name: string): Promise<{ path: string; pids: () => Promise<number[]> }> {
    const path = join(dir, `${name}.sh`);
    const pidFile = join(dir, `${name}.pids`);
    await writeFile(path, `#!/bin/sh\nsleep 60 &\necho $$ $! > '${pidFile}'\nwait\n`, { mode: 0o755 });
    const pids = async () => (await readFile(pidFile, 'utf8')).trim().split(' ').map(Number);
    return { path, pids };
  }

  it('returns the exit code, stdout and stderr without treating non-zero as an error', async () => {
    const result = await runTool({
      command: 'sh',
      args: ['-c', 'echo "Quyết định"; echo "cảnh báo" >&2; exit 3'],
      timeoutMs: 5000,
      maxStdoutBytes: 1024,
    });
    expect(result.exitCode).toBe(3);
    expect(result.stdout.toString('utf8')).toBe('Quyết định\n');
    expect(result.stderr).toBe('cảnh báo\n');
  });

  it('passes arguments as they are, without a shell', async () => {
    const result = await runTool({
      command: 'printf',
      args: ['%s|', '$(touch /tmp/should-not-exist)', 'a b; rm -rf x'],
      timeoutMs: 5000,
      maxStdoutBytes: 1024,
    });
    expect(result.stdout.toString()).toBe('$(touch /tmp/should-not-exist)|a b; rm -rf x|');
  });

  it('hands complete stderr lines to onStderrLine', async () => {
    const lines: string[] = [];
    await runTool({
      command: 'sh',
      args: ['-c', 'printf "1 3 a.png\\n2 3 b.png\\n3 3 c.png" >&2'],
      timeoutMs: 5000,
      onStderrLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['1 3 a.png', '2 3 b.png', '3 3 c.png']);
  });

  it('kills the whole process group on timeout and settles only when it is gone', async () => {
    const script = await hangingScript('timeout');
    const started = Date.now();
    await expect(runTool({ command: script.path, args: [], timeoutMs: 700 })).rejects.toBeInstanceOf(ToolTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    const [shell, sleeper] = await script.pids();
    expect(isProcessAlive(shell)).toBe(false);
    // The grandchild too: killing only the script would orphan it.
    await waitUntil(() => !isProcessAlive(sleeper));
  });

  it('kills the process group when the signal aborts, rejecting with the abort reason', async () => {
    const script = await hangingScript('abort');
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 300);
    await expect(
      runTool({ command: script.path, args: [], timeoutMs: 10_000, signal: controller.signal }),
    ).rejects.toBe(reason);
    const [shell, sleeper] = await script.pids();
    expect(isProcessAlive(shell)).toBe(false);
    await waitUntil(() => !isProcessAlive(sleeper));
  });

  it('does not start at all when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runTool({
        command: 'sh',
        args: ['-c', `touch '${join(dir, 'ran')}'`],
        timeoutMs: 1000,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await expect(readFile(join(dir, 'ran'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops a program that floods stdout past the limit', async () => {
    await expect(
      runTool({ command: 'sh', args: ['-c', 'yes Quyết'], timeoutMs: 10_000, maxStdoutBytes: 64 * 1024 }),
    ).rejects.toBeInstanceOf(ToolOutputTooLargeError);
  });

  it('rejects with ToolStartError when the program does not exist', async () => {
    await expect(runTool({ command: join(dir, 'no-such-tool'), args: [], timeoutMs: 1000 })).rejects.toBeInstanceOf(
      ToolStartError,
    );
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
