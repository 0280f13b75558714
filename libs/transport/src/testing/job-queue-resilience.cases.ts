import type { JobQueueContractContext } from './job-queue-contract.context';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

const JOBS = 200;

/** The queue's server going away and coming back: no accepted job is lost. */
export function jobResilienceCases(ctx: JobQueueContractContext): void {
  const { restartBroker, features, timeoutMs } = ctx;
  const run = restartBroker !== undefined && features.persistent ? it : it.skip;

  run(
    'loses no job when the server restarts mid-run: every job added before and after is processed',
    async () => {
      const queue = await ctx.open();
      const name = uniqueName('restart');
      const processed = new Set<number>();
      await queue.process(
        name,
        async (job) => {
          processed.add((job.data as { n: number }).n);
        },
        { concurrency: 4 },
      );
      const add = (from: number, to: number) =>
        Promise.all(
          Array.from({ length: to - from }, (_, i) => queue.add(name, 'work', { n: from + i })),
        );

      await add(0, JOBS / 2);
      await waitFor(() => processed.size >= JOBS / 4, { timeoutMs });
      await restartBroker!();
      await add(JOBS / 2, JOBS);

      await waitFor(() => processed.size === JOBS, { timeoutMs: 60_000 });
      expect([...processed].sort((a, b) => a - b)).toEqual(
        Array.from({ length: JOBS }, (_, i) => i),
      );
    },
    Math.max(ctx.caseTimeoutMs, 120_000),
  );
}
