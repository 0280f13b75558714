import { deferred } from './deferred';
import type { JobQueueContractContext } from './job-queue-contract.context';
import { uniqueName } from './unique-name';
import { eventLoopTurns, waitFor } from './wait-for';

/** Concurrency, several workers, graceful close. */
export function jobWorkerCases(ctx: JobQueueContractContext): void {
  const { timeoutMs, caseTimeoutMs } = ctx;

  it(
    'never runs more jobs at once than the worker concurrency',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('concurrency');
      const release = deferred();
      let running = 0;
      let mostRunning = 0;
      let completed = 0;
      await jobs.process(
        queue,
        async () => {
          running += 1;
          mostRunning = Math.max(mostRunning, running);
          await release.promise;
          running -= 1;
          completed += 1;
        },
        { concurrency: 3 },
      );
      await Promise.all(Array.from({ length: 8 }, (_, i) => jobs.add(queue, 'work', { i })));

      try {
        await waitFor(() => running >= 3, { timeoutMs });
        await eventLoopTurns();
        expect(running).toBe(3);
      } finally {
        release.resolve();
      }
      await waitFor(() => completed === 8, { timeoutMs });
      expect(mostRunning).toBe(3);
    },
    caseTimeoutMs,
  );

  it(
    'hands each job to exactly one of several workers',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('workers');
      const runs = new Map<string, number>();
      const worker = async (job: { id: string }) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      };
      const workers = [
        await jobs.process(queue, worker, { concurrency: 2 }),
        await jobs.process(queue, worker, { concurrency: 2 }),
      ];
      const ids = await Promise.all(
        Array.from({ length: 40 }, (_, i) => jobs.add(queue, 'work', { i })),
      );

      await waitFor(() => runs.size === ids.length, { timeoutMs });
      await Promise.all(workers.map((w) => w.close()));
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
    },
    caseTimeoutMs,
  );

  it(
    'closing a worker waits for its running job and takes no new one',
    async () => {
      const jobs = await ctx.open();
      const queue = uniqueName('close');
      const started = deferred();
      const release = deferred();
      const order: string[] = [];
      const worker = await jobs.process(queue, async (job) => {
        order.push(`started ${job.name}`);
        started.resolve();
        await release.promise;
        order.push(`finished ${job.name}`);
      });
      await jobs.add(queue, 'running', {});
      await started.promise;

      const closing = worker.close().then(() => order.push('closed'));
      try {
        await eventLoopTurns();
        await jobs.add(queue, 'after-close', {});
        expect(order).toEqual(['started running']);
      } finally {
        release.resolve();
      }
      await closing;
      expect(order).toEqual(['started running', 'finished running', 'closed']);

      const later: string[] = [];
      await jobs.process(queue, async (job) => {
        later.push(job.name);
      });
      await waitFor(() => later.includes('after-close'), { timeoutMs });
      expect(order).not.toContain('started after-close');
      expect(await jobs.getFailed(queue)).toEqual([]);
    },
    caseTimeoutMs,
  );
}
