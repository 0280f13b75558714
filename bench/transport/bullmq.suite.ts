import { BULLMQ_DEFAULTS, BullMqJobQueue } from '@app/transport/adapters/bullmq';
import { type JobsOptions, Queue, Worker } from 'bullmq';
import type { BenchConfig } from './config';
import { BENCH_EVENT_TYPE, type BenchEvent } from './events';
import { DeliveryCounter, type Measurement, timePublish, withTimeout } from './measure';
import {
  benchLogger,
  cleanUp,
  type Contender,
  resourceName,
  type RoundInput,
  type Suite,
} from './suite';

const PREFIX = 'bench';

/** What the adapter's `add` passes for a job added without options. */
const JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: BULLMQ_DEFAULTS.retainCompleted },
  removeOnFail: { count: BULLMQ_DEFAULTS.retainFailed },
};

/**
 * BullMqJobQueue next to bullmq doing the same work: each event becomes a job (name = event
 * type, data = the envelope) with the adapter's job options, added with `Queue.addBulk` one
 * batch at a time, and run by a `Worker` of the same concurrency. The port has no bulk add,
 * so the adapter adds a batch as that many concurrent `add` calls. Fresh queues every round,
 * obliterated at the end.
 */
export async function bullMqSuite(config: BenchConfig): Promise<Suite> {
  const queueConnection = { url: config.redisUrl };
  const workerConnection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const jobs = new BullMqJobQueue({
    connection: config.redisUrl,
    prefix: PREFIX,
    logger: benchLogger,
  });
  const rawQueues: Queue[] = [];
  const adapterQueues: string[] = [];
  const concurrency = config.jobConcurrency;

  const raw: Contender = {
    description: `bullmq Queue.addBulk + Worker (concurrency ${concurrency})`,
    async round(input: RoundInput): Promise<Measurement> {
      const name = resourceName('bullmq', 'raw', input.round);
      const queue = new Queue<BenchEvent>(name, { connection: queueConnection, prefix: PREFIX });
      queue.on('error', (error: Error) => benchLogger.warn(`raw queue ${name}: ${error.message}`));
      rawQueues.push(queue);
      await withTimeout(queue.waitUntilReady(), 30_000, `queue ${name} connect`);
      const publish = await timePublish(
        `Queue.addBulk to ${name}`,
        input.batches,
        input.timeoutMs,
        (batch) =>
          queue.addBulk(
            batch.map((event) => ({ name: event.type, data: event, opts: JOB_OPTIONS })),
          ),
      );
      const counter = new DeliveryCounter(input.events.length);
      const worker = new Worker<BenchEvent>(
        name,
        async (job) => {
          if (job.data.type === BENCH_EVENT_TYPE) counter.hit();
        },
        { connection: workerConnection, prefix: PREFIX, concurrency },
      );
      worker.on('error', (error: Error) =>
        benchLogger.warn(`raw worker ${name}: ${error.message}`),
      );
      try {
        await withTimeout(worker.waitUntilReady(), input.timeoutMs, `worker of ${name} start`);
        const consume = await counter.finished(`Worker of ${name}`, input.timeoutMs);
        return { publish, consume };
      } finally {
        await worker.close();
      }
    },
  };

  const adapter: Contender = {
    description: `BullMqJobQueue.add (a batch = concurrent adds) + process (concurrency ${concurrency})`,
    async round(input: RoundInput): Promise<Measurement> {
      const name = resourceName('bullmq', 'adapter', input.round);
      adapterQueues.push(name);
      // Creates the adapter's Queue for this name and opens its connection, untimed, as
      // waitUntilReady does for the raw queue.
      await withTimeout(jobs.getFailed(name), 30_000, `queue ${name} connect`);
      const publish = await timePublish(
        `BullMqJobQueue.add to ${name}`,
        input.batches,
        input.timeoutMs,
        (batch) => Promise.all(batch.map((event) => jobs.add(name, event.type, event))),
      );
      const counter = new DeliveryCounter(input.events.length);
      const worker = await withTimeout(
        jobs.process<BenchEvent>(
          name,
          async (job) => {
            if (job.data.type === BENCH_EVENT_TYPE) counter.hit();
          },
          { concurrency },
        ),
        input.timeoutMs,
        `BullMqJobQueue worker of ${name} start`,
      );
      try {
        const consume = await counter.finished(`BullMqJobQueue worker of ${name}`, input.timeoutMs);
        return { publish, consume };
      } finally {
        await worker.close();
      }
    },
  };

  return {
    name: 'BullMqJobQueue',
    adapter,
    raw,
    close: () =>
      cleanUp('bullmq', [
        () => jobs.close(),
        ...rawQueues.map((queue) => async () => {
          await queue.obliterate({ force: true });
          await queue.close();
        }),
        ...adapterQueues.map((name) => async () => {
          const queue = new Queue(name, { connection: queueConnection, prefix: PREFIX });
          try {
            await queue.obliterate({ force: true });
          } finally {
            await queue.close();
          }
        }),
      ]),
  };
}
