import { ChildProcess, spawn } from 'node:child_process';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. ffmpeg not installed). */
  error?: Error;
}

const STDERR_KEPT = 2000;

/** One ffmpeg (or ffprobe) child: its exit awaited, the end of its stderr kept for failure reasons. */
export class RecorderProcess {
  readonly exited: Promise<ProcessExit>;
  private stderr = '';
  private exit: ProcessExit | null = null;

  constructor(private readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => resolve((this.exit = { code: null, signal: null, error })));
      child.once('close', (code, signal) => resolve((this.exit = this.exit ?? { code, signal })));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** Last lines of stderr, one line, for a failure reason. */
  stderrTail(max = 300): string {
    return this.stderr.trim().split('\n').slice(-3).join(' | ').slice(-max);
  }

  /** Calls `listener` with each line the process writes to stdout. */
  onStdoutLine(listener: (line: string) => void): void {
    let pending = '';
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(listener);
    });
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.running) this.child.kill(signal);
  }

  /** Resolves true when the process has exited within `ms`. */
  async exitsWithin(ms: number): Promise<boolean> {
    if (!this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const done = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return done;
  }
}

/**
 * Every child the recorder starts, so that module shutdown (and a failing recording) can kill what
 * is left: no ffmpeg outlives the recorder.
 */
export class ProcessGroup {
  private readonly live = new Set<RecorderProcess>();

  spawn(command: string, args: string[]): RecorderProcess {
    const process = new RecorderProcess(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    this.live.add(process);
    void process.exited.then(() => this.live.delete(process));
    return process;
  }

  get size(): number {
    return this.live.size;
  }

  killAll(): void {
    for (const process of this.live) process.kill('SIGKILL');
  }
}
