import type { Job, JobBackoff } from '../ports/job-queue.port';
import type { JobQueueContractContext } from './job-queue-contract.context';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

/** Timers may fire a hair early by the clock they are measured with. */
const TIMER_SLACK_MS = 2;

interface Email {
  readonly to: string;
  readonly subject: string;
}

/** A job's data, retries with backoff, the failed list, deduplication. */
export function jobProcessingCases(ctx: JobQueueContractContext): void {
  const { features, timeoutMs, caseTimeoutMs } = ctx;

  it('declares the features it is tested with', async () => {
    const jobs = await ctx.open();
    expect(jobs.features).toEqual(features);
  });

  it(
    'processes a job with its data',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('email');
      const received: Job<Email>[] = [];
      await jobs.process<Email>(queue, async (job) => {
        received.push(job);
      });
      const data: Email = { to: 'ops@example.com', subject: 'Błąd — error 🚨' };
      const id = await jobs.add(queue, 'send-email', data);

      await waitFor(() => received.length === 1, { timeoutMs });
      expect(received[0]).toMatchObject({
        id,
        queue,
        name: 'send-email',
        data,
        attempt: 1,
        maxAttempts: 1,
      });
      expect(await jobs.getFailed(queue)).toEqual([]);
    },
    caseTimeoutMs,
  );

  it.each<[string, JobBackoff, number[]]>([
    ['exponential', { type: 'exponential', delayMs: 20 }, [20, 40]],
    ['fixed', { type: 'fixed', delayMs: 15 }, [15, 15]],
  ])(
    'retries with %s backoff, then succeeds',
    async (_type, backoff, waits) => {
      const jobs = await ctx.open();
      const queue = uniqueName('retry');
      const runs: { attempt: number; at: number }[] = [];
      await jobs.process(queue, async (job) => {
        runs.push({ attempt: job.attempt, at: performance.now() });
        if (job.attempt < 3) throw new Error(`transient failure ${job.attempt}`);
      });
      await jobs.add(queue, 'flaky', {}, { attempts: 3, backoff });

      await waitFor(() => runs.length === 3, { timeoutMs });
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(waits[0] - TIMER_SLACK_MS);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(waits[1] - TIMER_SLACK_MS);
      expect(await jobs.getFailed(queue)).toEqual([]);
    },
    caseTimeoutMs,
  );

  it(
    'keeps a job that used up its attempts in the failed list, with the error',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('failing');
      await jobs.process(queue, async () => {
        throw new Error('smtp unreachable');
      });
      const data = { to: 'nobody@example.com' };
      const id = await jobs.add(queue, 'send-email', data, {
        attempts: 2,
        backoff: { type: 'fixed', delayMs: 1 },
      });

      await waitFor(async () => (await jobs.getFailed(queue)).length === 1, { timeoutMs });
      const [failed] = await jobs.getFailed(queue);
      expect(failed).toMatchObject({
        id,
        queue,
        name: 'send-email',
        data,
        attemptsMade: 2,
        failedReason: 'smtp unreachable',
      });
      expect(failed.failedAt).toBeInstanceOf(Date);
    },
    caseTimeoutMs,
  );

  it(
    'ignores a job added again with the same jobId',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('dedupe');
      const first = await jobs.add(queue, 'report', { version: 1 }, { jobId: 'report-2026-11' });
      const second = await jobs.add(queue, 'report', { version: 2 }, { jobId: 'report-2026-11' });
      await jobs.add(queue, 'sentinel', {});
      const processed: Job[] = [];
      await jobs.process(queue, async (job) => {
        processed.push(job);
      });

      // FIFO with one worker: once the sentinel ran, any duplicate would have run before it.
      await waitFor(() => processed.some((job) => job.name === 'sentinel'), { timeoutMs });
      expect([first, second]).toEqual(['report-2026-11', 'report-2026-11']);
      const reports = processed.filter((job) => job.name === 'report');
      expect(reports.map((job) => job.data)).toEqual([{ version: 1 }]);
    },
    caseTimeoutMs,
  );
}
