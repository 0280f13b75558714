import { Registry } from 'prom-client';
import { InMemoryJobQueue } from '../adapters/in-memory/in-memory-job-queue.adapter';
import { InMemoryPubSub } from '../adapters/in-memory/in-memory-pub-sub.adapter';
import { retry } from '../middleware/retry.middleware';
import { withMiddleware } from '../middleware/compose.middleware';
import { deferred } from '../testing/deferred';
import { testEvent } from '../testing/test-event';
import { waitFor } from '../testing/wait-for';
import { InstrumentedJobQueue } from './instrumented-job-queue';
import { InstrumentedPubSub } from './instrumented-pub-sub';
import { TransportMetrics } from './transport.metrics';

/** One metric's value for the labels given (0 when the series does not exist). */
async function valueOf(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const series = metric?.values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return series?.value ?? 0;
}

describe('transport metrics', () => {
  let registry: Registry;
  let pubSub: InstrumentedPubSub;
  let jobs: InstrumentedJobQueue;

  beforeEach(() => {
    registry = new Registry();
    const metrics = new TransportMetrics(registry);
    pubSub = new InstrumentedPubSub(new InMemoryPubSub({ redeliveryDelayMs: () => 1 }), metrics);
    jobs = new InstrumentedJobQueue(new InMemoryJobQueue(), metrics);
  });

  afterEach(() => Promise.all([pubSub.close(), jobs.close()]));

  it('counts published events by topic and type, and dead letters by the topic they failed on', async () => {
    await pubSub.publish('orders', [
      testEvent({ type: 'ORDER_PLACED' }),
      testEvent({ type: 'ORDER_PLACED' }),
      testEvent({ type: 'ORDER_PAID' }),
    ]);
    await pubSub.publish('orders.dlq', testEvent({ type: 'ORDER_PAID' }));

    const published = (labels: Record<string, string>) =>
      valueOf(registry, 'events_published_total', labels);
    expect(await published({ topic: 'orders', type: 'ORDER_PLACED' })).toBe(2);
    expect(await published({ topic: 'orders', type: 'ORDER_PAID' })).toBe(1);
    expect(await valueOf(registry, 'events_dead_lettered_total', { topic: 'orders' })).toBe(1);
  });

  it('counts handled events by outcome, the redelivery after a failure, and times the handler', async () => {
    let calls = 0;
    await pubSub.subscribe(
      'orders',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('first delivery fails');
      },
      { group: 'billing' },
    );
    await pubSub.publish('orders', testEvent({ type: 'ORDER_PLACED' }));
    const base = { topic: 'orders', group: 'billing', type: 'ORDER_PLACED' };
    await waitFor(
      async () =>
        (await valueOf(registry, 'events_handled_total', { ...base, outcome: 'success' })) === 1,
    );

    expect(await valueOf(registry, 'events_handled_total', { ...base, outcome: 'failure' })).toBe(
      1,
    );
    expect(
      await valueOf(registry, 'events_redelivered_total', { topic: 'orders', group: 'billing' }),
    ).toBe(1);
    const exposition = await registry.metrics();
    expect(exposition).toMatch(
      /^event_handler_duration_seconds_count\{topic="orders",group="billing",outcome="success"\} 1$/m,
    );
  });

  it('counts the attempts the retry middleware makes again', async () => {
    let calls = 0;
    const flaky = withMiddleware(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
      },
      retry({ maxAttempts: 3, initialDelayMs: 1 }),
    );
    await pubSub.subscribe('orders', flaky, { group: 'billing' });
    await pubSub.publish('orders', testEvent());
    await waitFor(() => calls === 3);

    await waitFor(
      async () =>
        (await valueOf(registry, 'event_handler_retries_total', {
          topic: 'orders',
          group: 'billing',
        })) === 2,
    );
  });

  it('counts handled events of a batch subscription one by one', async () => {
    await pubSub.subscribeBatch('orders', async () => undefined, {
      group: 'audit',
      maxBatchSize: 10,
    });
    await pubSub.publish('orders', [testEvent(), testEvent(), testEvent()]);
    await waitFor(
      async () =>
        (await valueOf(registry, 'events_handled_total', {
          group: 'audit',
          outcome: 'success',
        })) === 3,
    );
  });

  it('reports the lag of every group this process subscribed with, read at the scrape', async () => {
    await pubSub.publish('orders', [testEvent(), testEvent()]);
    const release = deferred();
    await pubSub.subscribe('orders', () => release.promise, { group: 'slow' });
    try {
      const lag = await valueOf(registry, 'consumer_group_lag', { topic: 'orders', group: 'slow' });
      expect(lag).toBe(2);
    } finally {
      release.resolve();
    }
  });

  it('counts job runs by outcome and reports the jobs of each queue by state', async () => {
    await jobs.process('mail', async (job) => {
      if (job.data === 'bad') throw new Error('bounced');
    });
    await jobs.add('mail', 'send', 'good');
    await jobs.add('mail', 'send', 'bad');
    const runs = (outcome: string) =>
      valueOf(registry, 'jobs_processed_total', { queue: 'mail', outcome });
    await waitFor(async () => (await runs('success')) === 1 && (await runs('failure')) === 1);

    expect(await valueOf(registry, 'job_queue_jobs', { queue: 'mail', state: 'completed' })).toBe(
      1,
    );
    expect(await valueOf(registry, 'job_queue_jobs', { queue: 'mail', state: 'failed' })).toBe(1);
  });
});
