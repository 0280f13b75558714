import {
  KAFKA_PUB_SUB_DEFAULTS,
  KafkaPubSub,
  parseKafkaBrokers,
} from '@app/transport/adapters/kafka';
import { EventRouter } from '@app/transport/routing';
import { loadavg } from 'node:os';
import { Topics } from '../../apps/handler-router/src/events/topics.enum';
import { countAuditRows } from './audit-rows';
import { benchLogger } from './bench-logger';
import type { BenchConfig } from './config';
import type { RouterResult } from './result';
import { runRouter } from './routing-run';
import { RouterTopics } from './router-topics';
import { batchesByTopic, type RoutedEvent, seedEvents } from './seed-events';

/** Events per publish call while pre-loading (the adapter packs them into produce requests). */
const PRELOAD_BATCH = 1000;
/** The router's consumer group on each topic: `<group>.<topic>`, group `handler-router`. */
const groupOf = (topic: string): string => `handler-router.${topic}`;

/**
 * Kafka + PostgreSQL: with no router running, the run's M events go onto freshly re-created
 * `user_events` and `role_events` through KafkaPubSub; then a ROLE=router app starts and the
 * clock runs from its start until the database holds all M audit rows. The topics are
 * emptied again at the end.
 */
export async function measureOnKafka(config: BenchConfig, runId: string): Promise<RouterResult> {
  const topics = Object.values(Topics);
  const admin = await RouterTopics.connect(config.kafkaBrokers, topics, topics.map(groupOf));
  try {
    await admin.reset(KAFKA_PUB_SUB_DEFAULTS.partitions, config.timeoutMs);
    const userId = `bench-${runId}-kafka`;
    const events = seedEvents(config.events, userId);
    const publishPerSecond = await preload(config, events);
    const onTopics = await admin.eventCount();
    if (onTopics !== config.events) {
      throw new Error(`${onTopics} events on the topics after pre-loading ${config.events}`);
    }
    const run = await runRouter(config, {
      name: 'kafka',
      env: { DATABASE_URL: config.databaseUrl, KAFKA_BROKERS: config.kafkaBrokers },
      userId,
      events,
    });
    try {
      const router = run.app.get(EventRouter);
      for (const topic of topics) {
        if (router.groupFor(topic) !== groupOf(topic)) {
          throw new Error(`the router reads ${topic} as ${router.groupFor(topic)}, not reset`);
        }
      }
      const rows = await countAuditRows(run.app, userId);
      if (rows !== config.events) throw new Error(`${rows} audit rows for ${config.events} events`);
      const perSecond = (ms: number): number => (config.events * 1000) / ms;
      return {
        setup: 'Kafka + PostgreSQL',
        timedFrom: 'router app start',
        events: config.events,
        batchSize: config.batchSize,
        concurrency: config.concurrency,
        publishPerSecond,
        bootMs: run.readyAt - run.startedAt,
        joinedMs: run.joinedAt - run.startedAt,
        perSecond: perSecond(run.storedAt - run.startedAt),
        fromJoinedPerSecond: perSecond(run.storedAt - run.joinedAt),
        cpuUsPerEvent: run.cpuUs / config.events,
        loadBefore: run.loadBefore,
        loadAfter: loadavg()[0],
        duplicates: run.duplicates,
        errorsLogged: run.errorsLogged,
      };
    } finally {
      await run.close();
    }
  } finally {
    // Events left on the shared topics, committed or not (a failed run), would be routed and
    // audited by the next router whose group is new, e.g. another session's tests: leave the
    // topics empty.
    await admin
      .reset(KAFKA_PUB_SUB_DEFAULTS.partitions, config.timeoutMs)
      .catch((error: unknown) =>
        benchLogger.warn(`could not empty ${topics.join(', ')}: ${(error as Error).message}`),
      );
    await admin.close();
  }
}

/** Publishes the events through the adapter the app uses; returns events/s. */
async function preload(config: BenchConfig, events: readonly RoutedEvent[]): Promise<number> {
  const pubSub = new KafkaPubSub({
    brokers: parseKafkaBrokers(config.kafkaBrokers),
    clientId: 'bench-handler-router',
    logger: benchLogger,
  });
  try {
    const started = performance.now();
    for (const { topic, batch } of batchesByTopic(events, PRELOAD_BATCH)) {
      await pubSub.publish(topic, batch);
    }
    return (events.length * 1000) / (performance.now() - started);
  } finally {
    await pubSub.close();
  }
}
