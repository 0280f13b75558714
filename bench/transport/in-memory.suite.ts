import { InMemoryJobQueue, InMemoryPubSub } from '@app/transport';
import type { BenchConfig } from './config';
import { BENCH_EVENT_TYPE, type BenchEvent } from './events';
import { DeliveryCounter, type Measurement, timePublish } from './measure';
import { benchLogger, type Contender, resourceName, type RoundInput, type Suite } from './suite';

/** The embedded default's partitions per topic, and so its subscription's concurrency. */
const IN_MEMORY_PARTITIONS = 8;

/**
 * The in-memory adapters, for reference (no client to compare with): the same batches
 * published, a subscription with one slot per partition counting them; the job queue with
 * concurrent adds per batch and a worker of the BullMQ suite's concurrency.
 */
export function inMemorySuites(config: BenchConfig): Suite[] {
  const pubsub = new InMemoryPubSub({ partitions: IN_MEMORY_PARTITIONS, logger: benchLogger });
  const jobs = new InMemoryJobQueue({ logger: benchLogger });

  const pubSubContender: Contender = {
    description: `InMemoryPubSub.publish + subscribe (concurrency ${IN_MEMORY_PARTITIONS})`,
    async round(input: RoundInput): Promise<Measurement> {
      const topic = resourceName('memory', 'adapter', input.round);
      const publish = await timePublish(
        `InMemoryPubSub to ${topic}`,
        input.batches,
        input.timeoutMs,
        (batch) => pubsub.publish(topic, batch),
      );
      const counter = new DeliveryCounter(input.events.length);
      const subscription = await pubsub.subscribe(
        topic,
        async (event) => {
          if (event.type === BENCH_EVENT_TYPE) counter.hit();
        },
        { group: 'bench', concurrency: IN_MEMORY_PARTITIONS },
      );
      try {
        const consume = await counter.finished(
          `InMemoryPubSub subscription to ${topic}`,
          input.timeoutMs,
        );
        return { publish, consume };
      } finally {
        await subscription.close();
      }
    },
  };

  const jobQueueContender: Contender = {
    description: `InMemoryJobQueue.add (a batch = concurrent adds) + process (concurrency ${config.jobConcurrency})`,
    async round(input: RoundInput): Promise<Measurement> {
      const queue = resourceName('memory', 'adapter', input.round);
      const publish = await timePublish(
        `InMemoryJobQueue.add to ${queue}`,
        input.batches,
        input.timeoutMs,
        (batch) => Promise.all(batch.map((event) => jobs.add(queue, event.type, event))),
      );
      const counter = new DeliveryCounter(input.events.length);
      const worker = await jobs.process<BenchEvent>(
        queue,
        async (job) => {
          if (job.data.type === BENCH_EVENT_TYPE) counter.hit();
        },
        { concurrency: config.jobConcurrency },
      );
      try {
        const consume = await counter.finished(
          `InMemoryJobQueue worker of ${queue}`,
          input.timeoutMs,
        );
        return { publish, consume };
      } finally {
        await worker.close();
      }
    },
  };

  return [
    { name: 'InMemoryPubSub', adapter: pubSubContender, close: () => pubsub.close() },
    { name: 'InMemoryJobQueue', adapter: jobQueueContender, close: () => jobs.close() },
  ];
}
