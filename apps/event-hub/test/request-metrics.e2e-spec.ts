import { randomUUID } from 'node:crypto';
import { EVENTS_TOPIC } from '../src/events/event.envelope';
import { STORAGE_GROUP } from '../src/storage/event-storage.consumer';
import { waitFor } from './hub.clients';
import { type RunningHub, startHub } from './hub.harness';
import { type Scrape, scrapeMetrics } from './metrics.scrape';

/**
 * What every app's `/metrics` gets from the shared libraries, seen on the one app that serves
 * all three protocols: request counts and durations per REST route, GraphQL root field and
 * gRPC method, and the transport's counts of published and handled events.
 */
describe('event-hub /metrics: requests by protocol and events by topic (e2e)', () => {
  let hub: RunningHub;
  let scrape: Scrape;
  const user = `requests-${randomUUID()}`;
  const event = (amount: number) => ({
    user_id: user,
    event_type: 'purchase',
    amount,
    timestamp: new Date().toISOString(),
  });

  beforeAll(async () => {
    hub = await startHub({ DATABASE_URL: 'sqlite::memory:' });
    expect((await hub.clients.postEvent(event(1))).status).toBe(202);
    expect((await hub.clients.postEvent({ user_id: user })).status).toBe(400);
    expect(await hub.clients.graphqlSend(event(2))).not.toHaveProperty('errors');
    expect(await hub.clients.grpcSend(event(3))).toHaveProperty('id');
    await waitFor(
      () => hub.clients.lastEvents(10, user),
      (stored) => stored.length === 3,
      'the three events stored',
    );
    scrape = await waitFor(
      () => scrapeMetrics(hub.app),
      (metrics: Scrape) =>
        (metrics.value('events_handled_total', { topic: EVENTS_TOPIC, group: STORAGE_GROUP }) ??
          0) >= 3,
      'the storage group to count the three events',
    );
  });

  afterAll(() => hub?.close());

  it('counts REST requests by method, declared route and status', () => {
    const post = { method: 'POST', route: '/events' };
    expect(scrape.value('http_request_duration_seconds_count', { ...post, status: '202' })).toBe(1);
    expect(scrape.value('http_request_duration_seconds_count', { ...post, status: '400' })).toBe(1);
  });

  it('counts GraphQL root fields by operation type', () => {
    const mutation = { operation: 'mutation', field: 'sendEvent', outcome: 'success' };
    expect(scrape.value('graphql_request_duration_seconds_count', mutation)).toBe(1);
    const query = { operation: 'query', field: 'lastEvents', outcome: 'success' };
    expect(scrape.value('graphql_request_duration_seconds_count', query)).toBeGreaterThanOrEqual(1);
  });

  it('counts gRPC calls by handler', () => {
    const sendEvent = { handler: 'EventHubGrpcController.sendEvent', outcome: 'success' };
    expect(scrape.value('rpc_request_duration_seconds_count', sendEvent)).toBe(1);
  });

  it('counts the events published to the stream and handled by the storage group', () => {
    const published = scrape.value('events_published_total', { topic: EVENTS_TOPIC });
    expect(published).toBe(3);
    const handled = {
      topic: EVENTS_TOPIC,
      group: STORAGE_GROUP,
      outcome: 'success',
    };
    expect(scrape.value('events_handled_total', handled)).toBe(3);
    expect(scrape.text).toMatch(/^# TYPE event_handler_duration_seconds histogram$/m);
    expect(scrape.value('consumer_group_lag', { topic: EVENTS_TOPIC, group: STORAGE_GROUP })).toBe(
      0,
    );
  });
});
