import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@app/platform/testing/app-process';
import { isProfileReply, type ProfileRequest } from './profile-messages';

const ROOT = join(__dirname, '..', '..');
/** How `nest start` and the integration tests' AppProcess run a TypeScript entry. */
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
/** Preloaded in every process, so the bench can profile any of them on request. */
const PROFILE_HOOK = join(__dirname, 'profile-hook.ts');
/** What a failing process printed last, for the error message. */
const OUTPUT_KEPT = 20_000;
const START_TIMEOUT_MS = 180_000;
const ERRORS_KEPT = 100;

/**
 * One process under test (an event-hub role, or the baseline), started from its TypeScript
 * entry through ts-node as `nest start` and the integration tests' AppProcess run it, on a
 * free port of 127.0.0.1, with an IPC channel the bench uses only to start and stop a CPU
 * profile (`profile-hook.ts`, bench/common/profile.ts).
 */
export class BenchProcess {
  private output = '';
  /**
   * Error lines printed once healthy: before that, the health checks the bench polls log
   * an error for each 503 while a consumer is still joining its group.
   */
  private errors: string[] = [];
  private healthy = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        this.output = (this.output + text).slice(-OUTPUT_KEPT);
        if (this.healthy && this.errors.length < ERRORS_KEPT) {
          this.errors.push(...text.split('\n').filter(isErrorLine).slice(0, ERRORS_KEPT));
        }
      });
    }
  }

  /** Starts `entry` (relative to the repository) and resolves once `/health` answers 200. */
  static async start(
    name: string,
    entry: string,
    env: Readonly<Record<string, string | undefined>>,
  ): Promise<BenchProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...TS_NODE, '-r', PROFILE_HOOK, entry], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const started = new BenchProcess(name, child, `http://127.0.0.1:${port}`);
    try {
      await started.untilHealthy(START_TIMEOUT_MS);
      return started;
    } catch (error) {
      await started.stop();
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The lines it printed at level error or worse (JSON logs) once up, for the report. */
  errorLines(): string[] {
    return this.errors.map((line) => `${this.name}: ${line}`);
  }

  /**
   * Runs `work` while the process profiles its own CPU (V8's sampling profiler, through
   * bench/common/profile.ts), and resolves once the profile is written to `file`.
   */
  async profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
    await this.request({ profile: 'start', file }, 'started');
    try {
      return await work();
    } finally {
      await this.request({ profile: 'stop', file }, 'written');
    }
  }

  /**
   * Freezes the process (SIGSTOP) until `resume`: it keeps its connections and state but
   * takes no CPU, as if it ran on another machine that had fallen behind.
   */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  /** SIGTERM (the app drains and exits) and waits for exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  private request(message: ProfileRequest, answer: 'started' | 'written'): Promise<void> {
    const child = this.child;
    return new Promise((resolve, reject) => {
      const onMessage = (reply: unknown) => {
        // A failure may come instead of 'started': the profiler never ran.
        if (!isProfileReply(reply) || (reply.profile !== answer && !reply.error)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (reply.error) reject(new Error(`${this.name}: profiling failed: ${reply.error}`));
        else resolve();
      };
      const onExit = () => {
        child.off('message', onMessage);
        reject(new Error(`${this.name} exited while profiling`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message);
    });
  }

  private async untilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) {
        throw new Error(`exited with ${this.child.exitCode}:\n${this.output}`);
      }
      const ok = await fetch(`${this.url}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) {
        this.healthy = true;
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`no healthy /health in ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A JSON log line at level error or worse, or an uncaught error's first line. */
function isErrorLine(line: string): boolean {
  return /"level":"(error|fatal)"|^\S*Error\b/.test(line);
}
