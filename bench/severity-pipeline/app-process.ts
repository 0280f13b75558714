import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@app/platform/testing/app-process';

const ROOT = join(__dirname, '..', '..');
const ENTRY = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
const MAIN = 'apps/severity-pipeline/src/main.ts';
/** What a failing process printed last, for the error message. */
const OUTPUT_KEPT = 20_000;

/**
 * severity-pipeline as its own process, its `main.ts` through ts-node as `nest start` runs
 * it (like the integration test's AppProcess), but on a port the caller can reach and with
 * extra Node flags (`--cpu-prof`).
 */
export class PipelineProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT);
      });
    }
  }

  /** Starts it and resolves once `/health` answers 200. */
  static async start(
    env: Readonly<Record<string, string>>,
    nodeFlags: readonly string[] = [],
  ): Promise<PipelineProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...nodeFlags, ...ENTRY, MAIN], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new PipelineProcess(child, `http://127.0.0.1:${port}`);
    try {
      await started.untilHealthy(120_000);
      return started;
    } catch (error) {
      await started.stop();
      throw error;
    }
  }

  /** The lines it printed at level error or worse (JSON logs), for the report. */
  errorLines(): string[] {
    return this.output.split('\n').filter((line) => /"level":"(error|fatal)"/.test(line));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get log(): string {
    return this.output;
  }

  /** SIGTERM (the app drains and exits, writing a CPU profile if asked) and waits for exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
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
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`no healthy /health in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Runs `main.ts createsuperuser ...` (the seed's manage.py command) to completion. */
export function createSuperuser(
  env: Readonly<Record<string, string>>,
  username: string,
  password: string,
): Promise<void> {
  const args = ['createsuperuser', '--username', username, '--password', password];
  const child = spawn(process.execPath, [...ENTRY, MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  }
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`createsuperuser exited with ${code}: ${output}`)),
    );
  });
}
