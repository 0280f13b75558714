/*
 * A worker in a process of its own, for the integration suite's crash case. It works the
 * queue CRASH_QUEUE (BullMQ keys under CRASH_PREFIX) with CRASH_CONCURRENCY slots and the
 * stalled-job settings CRASH_LOCK_DURATION_MS / CRASH_STALLED_INTERVAL_MS, and prints `ready`.
 * Each job carries `{ n }`:
 * - n < CRASH_HANG_FROM: does the job's work and prints `done <job id>`;
 * - otherwise it hangs until the suite kills it (SIGKILL: no close, no lock released),
 *   printing `hanging <job id>`: an even n before doing the work (a crash mid-job), an odd n
 *   after it (a crash after the work, before BullMQ heard that the job completed).
 * The work is the suite's idempotent handler, `doJobOnce`. Run with ts-node and
 * tsconfig-paths.
 */
import { Redis } from 'ioredis';
import { silentLogger } from '../../testing/silent.logger';
import { doJobOnce } from './bullmq-crash-work.fixture';
import { BullMqJobQueue } from './bullmq-job-queue.adapter';

async function main(): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const hangFrom = Number(process.env.CRASH_HANG_FROM);
  const keys = {
    doneKey: process.env.CRASH_DONE_KEY ?? '',
    effectsKey: process.env.CRASH_EFFECTS_KEY ?? '',
  };
  const redis = new Redis(url);
  const jobs = new BullMqJobQueue({
    connection: url,
    prefix: process.env.CRASH_PREFIX,
    logger: silentLogger,
    lockDurationMs: Number(process.env.CRASH_LOCK_DURATION_MS),
    stalledIntervalMs: Number(process.env.CRASH_STALLED_INTERVAL_MS),
  });
  const hang = (id: string) => {
    process.stdout.write(`hanging ${id}\n`);
    return new Promise<never>(() => undefined);
  };
  await jobs.process<{ n: number }>(
    process.env.CRASH_QUEUE ?? '',
    async (job) => {
      const { n } = job.data;
      if (n >= hangFrom && n % 2 === 0) await hang(job.id);
      await doJobOnce(redis, keys, job.id, 'crashed worker');
      if (n >= hangFrom) await hang(job.id);
      process.stdout.write(`done ${job.id}\n`);
    },
    { concurrency: Number(process.env.CRASH_CONCURRENCY) },
  );
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
