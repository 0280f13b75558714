import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * One app as its own process (its `main.ts` through ts-node, as `nest start` would run it),
 * so an integration test can run several and kill one the way an operator or the kernel would.
 */
export class AppProcess {
  private child?: ChildProcess;
  private output = '';
  private listening?: number;

  constructor(
    private readonly app: string,
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  /** Starts it and resolves once `/health` answers 200. */
  async start(): Promise<void> {
    const port = await freePort();
    this.listening = port;
    this.output = '';
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        `apps/${this.app}/src/main.ts`,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...this.env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    }
    this.child = child;
    const healthy = waitUntil(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`${this.app} exited with ${child.exitCode}:\n${this.output}`);
        }
        return fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        );
      },
      90_000,
      `${this.app} answers /health with 200`,
    );
    await healthy.catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; its output:\n${this.output}`);
    });
  }

  /** Sends `signal` and resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Its HTTP server's address, once started: `http://127.0.0.1:<port>`. */
  get url(): string {
    if (this.listening === undefined) throw new Error(`${this.app} was never started`);
    return `http://127.0.0.1:${this.listening}`;
  }

  /** What it printed, for a failing test's message. */
  get log(): string {
    return this.output;
  }
}

/** Polls `predicate` every 200 ms until it holds; rejects with `what` after `timeoutMs`. */
async function waitUntil(
  predicate: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
