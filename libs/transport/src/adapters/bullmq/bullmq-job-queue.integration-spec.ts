import { controlService } from '@app/platform/testing/control-service';
import { requireService } from '@app/platform/testing/require-service';
import { Redis } from 'ioredis';
import type { Job, JobQueue } from '../../ports/job-queue.port';
import { runJobQueueContract } from '../../testing/job-queue.contract';
import { silentLogger } from '../../testing/silent.logger';
import { uniqueName } from '../../testing/unique-name';
import { waitFor } from '../../testing/wait-for';
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

runJobQueueContract(
  'BullMQ',
  async () => new BullMqJobQueue({ connection: REDIS_URL, prefix: PREFIX, logger: silentLogger }),
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

  it('refuses ids BullMQ reserves, naming the argument', async () => {
    const jobs = open();
    const queue = uniqueName('ids');
    await expect(jobs.add(queue, 'x', {}, { jobId: '42' })).rejects.toThrow(/jobId/);
    await expect(jobs.add(queue, 'x', {}, { jobId: 'a:b' })).rejects.toThrow(/jobId/);
    await expect(jobs.add('a:b', 'x', {})).rejects.toThrow(/queue/);
  });
});

/** Removes this run's keys (UNLINK: freed in the background), so the dev Redis stays tidy. */
async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
