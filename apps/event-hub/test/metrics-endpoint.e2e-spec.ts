import { randomUUID } from 'node:crypto';
import { STORAGE_GROUP } from '../src/storage/event-storage.consumer';
import { METRICS_GROUP } from '../src/metrics/event-metrics.consumer';
import { waitFor } from './hub.clients';
import { type RunningHub, startHub } from './hub.harness';
import { type Scrape, scrapeMetrics } from './metrics.scrape';

describe('event-hub GET /metrics on the embedded default (in-memory stream, SQLite)', () => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub({ DATABASE_URL: 'sqlite::memory:' });
  });

  afterAll(() => hub?.close());

  it('reports both groups caught up before anything was sent', async () => {
    const scrape = await scrapeMetrics(hub.app);
    expect(scrape.value('event_hub_consumer_group_lag', { group: STORAGE_GROUP })).toBe(0);
    expect(scrape.value('event_hub_consumer_group_lag', { group: METRICS_GROUP })).toBe(0);
  });

  it('counts events ingested and stored, and the storage lag is back at 0 once they are stored', async () => {
    const user = `metrics-${randomUUID()}`;
    const events = Array.from({ length: 3 }, (_, i) => ({
      user_id: user,
      event_type: 'purchase',
      amount: 10 + i,
      timestamp: new Date().toISOString(),
    }));
    const { status } = await hub.clients.postBatch(events);
    expect(status).toBe(202);
    await waitFor(
      () => hub.clients.lastEvents(10, user),
      (stored) => stored.length === 3,
      'the three events stored',
    );

    const scrape = await waitFor(
      () => scrapeMetrics(hub.app),
      (metrics: Scrape) =>
        metrics.value('event_hub_events_consumed_total', { group: STORAGE_GROUP }) === 3 &&
        metrics.value('event_hub_consumer_group_lag', { group: STORAGE_GROUP }) === 0,
      'the storage group to count the events and catch up',
    );
    expect(scrape.value('event_hub_events_ingested_total')).toBe(3);
    expect(scrape.text).toMatch(/^# TYPE event_hub_consumer_group_lag gauge$/m);
  });
});
