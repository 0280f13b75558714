import { EVENT_PUBLISHER, type EventPublisher } from '@app/transport';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { countAuditRows } from './audit-rows';
import type { BenchConfig } from './config';
import type { RouterResult } from './result';
import { runRouter } from './routing-run';
import { batchesByTopic, seedEvents } from './seed-events';

/** Events per publish call: as many as the Kafka pre-load sends at once. */
const PUBLISH_BATCH = 1000;

/**
 * The embedded default: the in-memory bus and a SQLite file in a temporary directory. The
 * router joins as the app starts (nothing to pre-load into: the bus lives in the app), so
 * the M events are published through the app's EVENT_PUBLISHER once it is up, while it
 * routes, and the clock runs from the first publish until SQLite holds all M audit rows.
 */
export async function measureEmbedded(config: BenchConfig, runId: string): Promise<RouterResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-handler-router-'));
  try {
    const userId = `bench-${runId}-embedded`;
    const events = seedEvents(config.events, userId);
    const published = { firstAt: Number.NaN, lastAt: Number.NaN };
    const run = await runRouter(
      // The database goes with its directory: no rows to delete one by one.
      { ...config, keepRows: true },
      {
        name: 'embedded',
        env: {
          DATABASE_URL: `sqlite:${join(dir, 'handler-router.sqlite')}`,
          KAFKA_BROKERS: undefined,
        },
        userId,
        events,
        afterBoot: async (app) => {
          const publisher = app.get<EventPublisher>(EVENT_PUBLISHER);
          const batches = batchesByTopic(events, PUBLISH_BATCH);
          published.firstAt = performance.now();
          for (const { topic, batch } of batches) await publisher.publish(topic, batch);
          published.lastAt = performance.now();
        },
      },
    );
    try {
      const rows = await countAuditRows(run.app, userId);
      if (rows !== config.events) throw new Error(`${rows} audit rows for ${config.events} events`);
      const perSecond = (ms: number): number => (config.events * 1000) / ms;
      return {
        setup: 'embedded (in-memory bus + SQLite)',
        timedFrom: 'first publish',
        events: config.events,
        batchSize: config.batchSize,
        concurrency: config.concurrency,
        publishPerSecond: perSecond(published.lastAt - published.firstAt),
        bootMs: run.readyAt - run.startedAt,
        joinedMs: run.joinedAt - run.startedAt,
        perSecond: perSecond(run.storedAt - published.firstAt),
        fromJoinedPerSecond: perSecond(run.storedAt - Math.max(run.joinedAt, published.firstAt)),
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
    rmSync(dir, { recursive: true, force: true });
  }
}
