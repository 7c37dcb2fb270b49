import { spawn } from 'node:child_process';

/** One external program run: never through a shell, always with a deadline. */
export interface ToolRun {
  /** Executable name on PATH or absolute path. */
  command: string;
  args: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Keep stdout up to this many bytes (more kills the run); omitted: stdout is discarded. */
  maxStdoutBytes?: number;
  /** Each complete stderr line as it arrives (pdftoppm -progress). */
  onStderrLine?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface ToolResult {
  exitCode: number | null;
  stdout: Buffer;
  /** The last part of stderr, for error details. */
  stderr: string;
}

export class ToolTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
    readonly stderr: string,
  ) {
    super(`${command} did not finish within ${timeoutMs} ms`);
    this.name = 'ToolTimeoutError';
  }
}

/** The program could not be started (missing binary, not executable). */
export class ToolStartError extends Error {
  constructor(
    readonly command: string,
    cause: Error,
  ) {
    super(`${command} could not be started: ${cause.message}`, { cause });
    this.name = 'ToolStartError';
  }
}

export class ToolOutputTooLargeError extends Error {
  constructor(
    readonly command: string,
    readonly maxBytes: number,
  ) {
    super(`${command} wrote more than ${maxBytes} bytes`);
    this.name = 'ToolOutputTooLargeError';
  }
}

const STDERR_TAIL_CHARS = 8_000;
/** After the leader dies, how long grandchildren may keep the pipes open before we stop waiting. */
const PIPE_GRACE_MS = 500;

/**
 * Runs a program in its own process group and resolves with its exit code (non-zero is not an
 * error here: qpdf uses 3 for "warnings"). On timeout or abort the WHOLE group gets SIGKILL —
 * soffice is a shell script that starts soffice.bin, killing only the script would orphan it —
 * and the promise settles only once the leader is gone.
 */
export function runTool(run: ToolRun): Promise<ToolResult> {
  if (run.signal?.aborted) return Promise.reject(abortReason(run.signal));
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, [...run.args], {
      detached: true,
      stdio: ['ignore', run.maxStdoutBytes === undefined ? 'ignore' : 'pipe', 'pipe'],
      env: run.env ?? process.env,
      windowsHide: true,
    });
    let failure: Error | undefined;
    let settled = false;
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = '';
    let partialLine = '';

    const killGroup = (reason: Error) => {
      if (failure) return;
      failure = reason;
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(
      () => killGroup(new ToolTimeoutError(run.command, run.timeoutMs, stderrTail)),
      run.timeoutMs,
    );
    const onAbort = () => killGroup(abortReason(run.signal as AbortSignal));
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      settle();
    };

    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > (run.maxStdoutBytes ?? 0)) {
        killGroup(new ToolOutputTooLargeError(run.command, run.maxStdoutBytes ?? 0));
        return;
      }
      stdoutChunks.push(chunk);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
      if (!run.onStderrLine) return;
      const lines = (partialLine + text).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) run.onStderrLine(line);
    });

    child.once('error', (error) => finish(() => reject(new ToolStartError(run.command, error))));
    child.once('exit', () => {
      // A killed group closes its pipes at once; a grandchild that escaped it must not hang us.
      if (failure) setTimeout(() => destroyPipes(), PIPE_GRACE_MS).unref();
    });
    const destroyPipes = () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    child.once('close', (exitCode) => {
      if (partialLine && run.onStderrLine && !failure) run.onStderrLine(partialLine);
      finish(() => {
        if (failure) {
          if (failure instanceof ToolTimeoutError) {
            reject(new ToolTimeoutError(run.command, run.timeoutMs, stderrTail));
          } else reject(failure);
        } else resolve({ exitCode, stdout: Buffer.concat(stdoutChunks), stderr: stderrTail });
      });
    });
  });
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}
