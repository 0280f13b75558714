import { NotFoundError } from '@app/platform';
import type { JobCounts } from '../ports/job-queue.port';
import { brokerProbeCase } from './broker-probe.case';
import { deferred } from './deferred';
import type { JobQueueContractContext } from './job-queue-contract.context';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

/** A backoff no case outlives: the job stays delayed until the case closes its queue. */
const LONG_BACKOFF_MS = 60_000;

/** What an operator sees and does: counts per state, and retrying a failed job by hand. */
export function jobOperationsCases(ctx: JobQueueContractContext): void {
  const { timeoutMs, caseTimeoutMs } = ctx;

  brokerProbeCase(ctx.features.sharedAcrossProcesses, () => ctx.open());

  it('counts no job in a queue that was never used', async () => {
    const jobs = await ctx.open();
    expect(await jobs.counts(uniqueName('unused'))).toEqual<JobCounts>({
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 0,
      failed: 0,
    });
  });

  it(
    'counts jobs as they move from waiting to active to completed, delayed or failed',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('counts');
      const started = deferred();
      const release = deferred();
      await jobs.process(queue, async (job) => {
        if (job.name === 'held') {
          started.resolve();
          await release.promise;
        }
        if (job.name === 'doomed' || job.name === 'backing-off') throw new Error(job.name);
      });
      await jobs.add(queue, 'held', {});
      await started.promise;

      try {
        await jobs.add(queue, 'doomed', {});
        await jobs.add(queue, 'quick', {});
        await jobs.add(
          queue,
          'backing-off',
          {},
          { attempts: 2, backoff: { type: 'fixed', delayMs: LONG_BACKOFF_MS } },
        );
        // One worker, one slot, held: the three added behind it all wait.
        expect(await jobs.counts(queue)).toEqual<JobCounts>({
          waiting: 3,
          active: 1,
          delayed: 0,
          completed: 0,
          failed: 0,
        });
      } finally {
        release.resolve();
      }

      await waitFor(
        async () => {
          const { completed, failed, delayed } = await jobs.counts(queue);
          return completed === 2 && failed === 1 && delayed === 1;
        },
        { timeoutMs, message: 'held and quick completed, doomed failed, backing-off delayed' },
      );
      expect(await jobs.counts(queue)).toEqual<JobCounts>({
        waiting: 0,
        active: 0,
        delayed: 1,
        completed: 2,
        failed: 1,
      });
      expect((await jobs.getFailed(queue)).map((failed) => failed.name)).toEqual(['doomed']);
    },
    caseTimeoutMs,
  );

  it(
    'runs a failed job retried by hand again, with a fresh set of attempts, until it completes',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('retry_failed');
      let recovered = false;
      const attempts: number[] = [];
      await jobs.process(queue, async (job) => {
        attempts.push(job.attempt);
        // After the fix its first attempt still fails: only a full set of attempts saves it.
        if (!recovered || job.attempt < 2) throw new Error(`smtp down (attempt ${job.attempt})`);
      });
      const id = await jobs.add(
        queue,
        'send-email',
        { to: 'ops@example.com' },
        { attempts: 2, backoff: { type: 'fixed', delayMs: 1 } },
      );
      await waitFor(async () => (await jobs.counts(queue)).failed === 1, { timeoutMs });
      expect(attempts).toEqual([1, 2]);

      recovered = true;
      await jobs.retryFailed(queue, id);
      expect(await jobs.getFailed(queue)).toEqual([]);

      await waitFor(async () => (await jobs.counts(queue)).completed === 1, { timeoutMs });
      expect(attempts).toEqual([1, 2, 1, 2]);
      expect(await jobs.counts(queue)).toMatchObject({ completed: 1, failed: 0 });
      expect(await jobs.getFailed(queue)).toEqual([]);
    },
    caseTimeoutMs,
  );

  it(
    'refuses with NotFoundError to retry a job that is not a retained failed job',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('retry_missing');
      const notFound = async (jobId: string) => {
        const error: unknown = await jobs.retryFailed(queue, jobId).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ entity: 'failed job', key: `${queue}/${jobId}` });
      };

      await notFound('no-such-job');
      const id = await jobs.add(queue, 'work', {});
      await notFound(id); // waiting
      await jobs.process(queue, async () => undefined);
      await waitFor(async () => (await jobs.counts(queue)).completed === 1, { timeoutMs });
      await notFound(id); // completed
    },
    caseTimeoutMs,
  );
}
