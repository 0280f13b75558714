import type { Redis } from 'ioredis';

/*
 * The job handler of the killed-worker case, shared by the worker process the suite kills
 * (bullmq-crashing-worker.fixture.ts) and the worker that takes over in the suite.
 */

/**
 * The work of job `id`, at most once whatever the deliveries: skipped when the job's
 * idempotency record (a field of the hash `doneKey`) exists, else one increment of the
 * job's field in `effectsKey` (the side effect, counted) and then the record, naming `who`.
 * Check-then-act is enough here: the suite's workers never run one job at the same time
 * (the killed worker is dead before another takes its jobs).
 */
export async function doJobOnce(
  redis: Redis,
  keys: { readonly doneKey: string; readonly effectsKey: string },
  id: string,
  who: string,
): Promise<'done' | 'skipped'> {
  if ((await redis.hexists(keys.doneKey, id)) === 1) return 'skipped';
  await redis.hincrby(keys.effectsKey, id, 1);
  await redis.hset(keys.doneKey, id, who);
  return 'done';
}
