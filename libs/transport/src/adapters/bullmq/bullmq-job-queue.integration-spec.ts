import { controlService } from '@app/platform/testing/control-service';
import { requireService } from '@app/platform/testing/require-service';
import { Redis } from 'ioredis';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Job, JobQueue } from '../../ports/job-queue.port';
import { runJobQueueContract } from '../../testing/job-queue.contract';
import { silentLogger } from '../../testing/silent.logger';
import { uniqueName } from '../../testing/unique-name';
import { waitFor } from '../../testing/wait-for';
import { doJobOnce } from './bullmq-crash-work.fixture';
// Through the public entry point, so the path an app imports from is what is tested.
import {
  BULLMQ_JOB_QUEUE_FEATURES,
  BullMqJobQueue,
  type BullMqJobQueueOptions,
} from '@app/transport/adapters/bullmq';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** BullMQ's key prefix for this run, so runs never see each other's queues. */
const PREFIX = uniqueName('it_bull');
const TIMEOUT_MS = 30_000;

beforeAll(() => requireService('redis', REDIS_URL));

/**
 * Stalled-job settings well below BullMQ's 30 s + 30 s. The restart case needs them: a job
 * left in the active list by the restart without its handler having run (Redis moved it
 * there as it went down; the worker never got the reply) runs only once the stalled-job
 * check returns it, which took the whole 60 s of the case with the defaults, under load.
 */
const QUICK_RECOVERY = { lockDurationMs: 5000, stalledIntervalMs: 1000 } as const;

runJobQueueContract(
  'BullMQ',
  async () =>
    new BullMqJobQueue({
      connection: REDIS_URL,
      prefix: PREFIX,
      logger: silentLogger,
      ...QUICK_RECOVERY,
    }),
  BULLMQ_JOB_QUEUE_FEATURES,
  { timeoutMs: TIMEOUT_MS, restartBroker: () => controlService('redis', 'restart') },
);

describe('BullMqJobQueue on Redis', () => {
  let raw: Redis;
  const opened: JobQueue[] = [];
  const open = (options: Partial<BullMqJobQueueOptions> = {}): BullMqJobQueue => {
    const jobs = new BullMqJobQueue({
      connection: REDIS_URL,
      prefix: PREFIX,
      logger: silentLogger,
      ...options,
    });
    opened.push(jobs);
    return jobs;
  };

  beforeAll(() => {
    raw = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((jobs) => jobs.close()));
  });
  afterAll(async () => {
    await deleteKeys(raw, `${PREFIX}:*`);
    await raw.quit();
  });

  it('keeps its jobs under the configured prefix', async () => {
    const jobs = open();
    const queue = uniqueName('prefixed');
    const id = await jobs.add(queue, 'report', { month: '2026-11' });

    expect(await raw.exists(`${PREFIX}:${queue}:${id}`)).toBe(1);
  });

  it(
    'hands a job added by one instance to the worker of another, as another process would',
    async () => {
      const [producer, consumer] = [open(), open()];
      const queue = uniqueName('two_processes');
      const received: Job[] = [];
      await consumer.process(queue, async (job) => {
        received.push(job);
      });
      const id = await producer.add(queue, 'send-email', { to: 'ops@example.com' });

      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(received[0]).toMatchObject({ id, queue, data: { to: 'ops@example.com' } });
    },
    TIMEOUT_MS * 2,
  );

  it(
    'keeps jobs added while no worker runs, for a worker that starts later',
    async () => {
      const queue = uniqueName('persistent');
      const before = open();
      const id = await before.add(queue, 'later', { n: 1 });
      await before.close();

      const after = open();
      const received: string[] = [];
      await after.process(queue, async (job) => {
        received.push(job.id);
      });
      await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });
      expect(received).toEqual([id]);
    },
    TIMEOUT_MS * 2,
  );

  it(
    'runs on an injected ioredis instance and leaves it open',
    async () => {
      const injected = new Redis(REDIS_URL);
      try {
        const jobs = open({ connection: injected });
        const queue = uniqueName('injected');
        const received: string[] = [];
        await jobs.process(queue, async (job) => {
          received.push(job.name);
        });
        await jobs.add(queue, 'ping', {});
        await waitFor(() => received.length === 1, { timeoutMs: TIMEOUT_MS });

        await jobs.close();
        expect(await injected.ping()).toBe('PONG');
      } finally {
        await injected.quit();
      }
    },
    TIMEOUT_MS * 2,
  );

  it(
    'loses no job when a worker process is killed (SIGKILL) while its jobs run',
    async () => {
      const queue = uniqueName('killed_worker');
      const [jobsTotal, hangFrom, concurrency] = [40, 20, 4];
      // Short settings, in the killed worker too: its locks must expire soon after its death.
      const stalled = { lockDurationMs: 2000, stalledIntervalMs: 500 };
      const keys = { doneKey: `${PREFIX}:${queue}-done`, effectsKey: `${PREFIX}:${queue}-effects` };
      const producer = open();
      const ids = await Promise.all(
        Array.from({ length: jobsTotal }, (_, n) => producer.add(queue, 'work', { n })),
      );
      const child = startCrashingWorker({ queue, keys, hangFrom, concurrency, ...stalled });
      const lines = (word: string) =>
        child
          .output()
          .split('\n')
          .filter((line) => line.startsWith(`${word} `))
          .map((line) => line.slice(word.length + 1));
      try {
        await waitFor(
          () => lines('done').length === hangFrom && lines('hanging').length === concurrency,
          {
            timeoutMs: TIMEOUT_MS,
            message: `the child worker did not fill its slots: ${child.output()} ${child.errors()}`,
          },
        );
        // Its slots are full with hanging jobs, so BullMQ holds exactly those as active.
        expect(await raw.llen(`${PREFIX}:${queue}:active`)).toBe(concurrency);
      } finally {
        child.process.kill('SIGKILL');
      }
      await waitFor(() => child.process.signalCode !== null, { timeoutMs: TIMEOUT_MS });
      const orphans = lines('hanging');

      const survivor = open(stalled);
      const ranBySurvivor: string[] = [];
      const redis = new Redis(REDIS_URL);
      try {
        await survivor.process(
          queue,
          async (job) => {
            ranBySurvivor.push(job.id);
            await doJobOnce(redis, keys, job.id, 'survivor');
          },
          { concurrency },
        );
        await waitFor(async () => (await raw.zcard(`${PREFIX}:${queue}:completed`)) === jobsTotal, {
          timeoutMs: TIMEOUT_MS,
          message: 'not every job completed',
        });
      } finally {
        redis.disconnect();
      }

      // None lost: every job completed, each one's work done exactly once.
      const effects = await raw.hgetall(keys.effectsKey);
      expect(Object.keys(effects).sort()).toEqual([...ids].sort());
      expect(Object.values(effects).every((count) => count === '1')).toBe(true);
      expect(await survivor.getFailed(queue)).toEqual([]);
      // The orphans ran again; the idempotency record kept the finished ones from repeating.
      const notStarted = ids.filter((id) => !lines('done').includes(id) && !orphans.includes(id));
      expect(ranBySurvivor).toEqual(expect.arrayContaining([...orphans, ...notStarted]));
      const doneBy = await raw.hgetall(keys.doneKey);
      // Even n: killed before the work, so the survivor did it; odd n: killed just after it.
      const whoDid = (id: string) => (ids.indexOf(id) % 2 === 0 ? 'survivor' : 'crashed worker');
      expect(Object.fromEntries(orphans.map((id) => [id, doneBy[id]]))).toEqual(
        Object.fromEntries(orphans.map((id) => [id, whoDid(id)])),
      );
    },
    TIMEOUT_MS * 3,
  );

  it('refuses stalled-job settings BullMQ would take badly, naming the option', () => {
    expect(() => open({ lockDurationMs: 1.5 })).toThrow(
      'lockDurationMs must be a positive integer',
    );
    expect(() => open({ stalledIntervalMs: 0 })).toThrow('stalledIntervalMs');
    expect(() => open({ maxStalledCount: -1 })).toThrow('maxStalledCount must be an integer >= 0');
  });

  it('refuses ids BullMQ reserves, naming the argument', async () => {
    const jobs = open();
    const queue = uniqueName('ids');
    await expect(jobs.add(queue, 'x', {}, { jobId: '42' })).rejects.toThrow(/jobId/);
    await expect(jobs.add(queue, 'x', {}, { jobId: 'a:b' })).rejects.toThrow(/jobId/);
    await expect(jobs.add('a:b', 'x', {})).rejects.toThrow(/queue/);
  });
});

interface CrashingWorkerSettings {
  readonly queue: string;
  readonly keys: { readonly doneKey: string; readonly effectsKey: string };
  readonly hangFrom: number;
  readonly concurrency: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
}

/** The fixture worker in a child process (ts-node, as the jest run compiles TS itself). */
function startCrashingWorker(settings: CrashingWorkerSettings) {
  const fixture = join(__dirname, 'bullmq-crashing-worker.fixture.ts');
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', fixture],
    {
      env: {
        ...process.env,
        TS_NODE_TRANSPILE_ONLY: 'true',
        REDIS_URL,
        CRASH_PREFIX: PREFIX,
        CRASH_QUEUE: settings.queue,
        CRASH_DONE_KEY: settings.keys.doneKey,
        CRASH_EFFECTS_KEY: settings.keys.effectsKey,
        CRASH_HANG_FROM: String(settings.hangFrom),
        CRASH_CONCURRENCY: String(settings.concurrency),
        CRASH_LOCK_DURATION_MS: String(settings.lockDurationMs),
        CRASH_STALLED_INTERVAL_MS: String(settings.stalledIntervalMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { process: child, output: () => stdout, errors: () => stderr };
}

/** Removes this run's keys (UNLINK: freed in the background), so the dev Redis stays tidy. */
async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
