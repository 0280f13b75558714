import { randomUUID } from 'node:crypto';
import { createTestApp } from '@app/platform/testing/create-test-app';
import { AppProcess } from '@app/platform/testing/app-process';
import { requireService } from '@app/platform/testing/require-service';
import { kcatHeaders, kcatProduceLines, kcatRead, waitFor } from '@app/transport/testing';
import type { INestApplication } from '@nestjs/common';
import { EventManagerModule } from '../src/event-manager.module';
import { EVENTS_TOPIC } from '../src/events/events.topic';
import { graphql } from './graphql-client';

const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const DATABASE_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://events:events@127.0.0.1:5432/events';
/** A SIGKILLed member keeps its partitions until Kafka's session timeout (30 s) drops it. */
const RECOVERY_MS = 90_000;

const run = randomUUID().slice(0, 8);

async function storedCount(app: INestApplication, name: string): Promise<number> {
  const answer = await graphql<{ allEvents: { totalCount: number } }>(
    app,
    'query($name: String) { allEvents(name: $name, first: 1) { totalCount } }',
    { name },
  );
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.allEvents.totalCount;
}

async function storedUuids(app: INestApplication, name: string): Promise<string[]> {
  const uuids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: Awaited<ReturnType<typeof graphql<PageOfUuids>>> = await graphql<PageOfUuids>(
      app,
      `
        query ($name: String, $after: String) {
          allEvents(name: $name, first: 1000, after: $after) {
            edges {
              node {
                uuid
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `,
      { name, after },
    );
    const page = answer.data!.allEvents;
    uuids.push(...page.edges.map((edge) => edge.node.uuid));
    if (!page.pageInfo.hasNextPage) return uuids;
    after = page.pageInfo.endCursor;
  }
}

interface PageOfUuids {
  allEvents: {
    edges: { node: { uuid: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('event-manager on Kafka + PostgreSQL (API and consumer as separate processes)', () => {
  const env = { KAFKA_BROKERS, DATABASE_URL, LOG_LEVEL: 'warn' };
  let api: INestApplication;
  const consumer = new AppProcess('event-manager', { ...env, ROLE: 'consumer' });

  beforeAll(async () => {
    await requireService('kafka', KAFKA_BROKERS);
    await requireService('postgres', DATABASE_URL);
    api = await createTestApp(EventManagerModule.forRole('api'), env);
    await consumer.start();
  }, 90_000);

  afterAll(async () => {
    await consumer.stop();
    await api?.close();
  }, 60_000);

  it(
    'stores 1,000 createEventAsync events exactly once, with the consumer SIGKILLed midway',
    async () => {
      const name = `bulk-${run}`;
      const accepted: string[] = [];
      const send = async (count: number) => {
        for (let sent = 0; sent < count; sent += 50) {
          const answers = await Promise.all(
            Array.from({ length: 50 }, () =>
              graphql<{ createEventAsync: { event: { uuid: string } } }>(
                api,
                `
                  mutation ($name: String!) {
                    createEventAsync(name: $name, source: "users") {
                      event {
                        uuid
                      }
                    }
                  }
                `,
                { name },
              ),
            ),
          );
          accepted.push(...answers.map((answer) => answer.data!.createEventAsync.event.uuid));
        }
      };

      await send(500);
      await waitFor(async () => (await storedCount(api, name)) > 0, { timeoutMs: 30_000 });
      await consumer.stop('SIGKILL');
      await send(500);
      await consumer.start();

      await waitFor(async () => (await storedCount(api, name)) >= 1000, {
        timeoutMs: RECOVERY_MS,
        intervalMs: 250,
        message: `all 1,000 events stored (consumer log:\n${consumer.log})`,
      });
      const stored = await storedUuids(api, name);
      expect(stored).toHaveLength(1000);
      expect(new Set(stored)).toEqual(new Set(accepted));
    },
    RECOVERY_MS + 60_000,
  );

  it('stores the seed\'s bare producer message, {"name": ..., "source": "users"} from kcat', async () => {
    const name = `Test-${run}`;

    await kcatProduceLines(KAFKA_BROKERS, EVENTS_TOPIC, [
      JSON.stringify({ name, source: 'users' }),
    ]);

    await waitFor(async () => (await storedCount(api, name)) === 1, { timeoutMs: 30_000 });
    const answer = await graphql<{ allEvents: { edges: { node: Record<string, string> }[] } }>(
      api,
      'query($name: String) { allEvents(name: $name) { edges { node { uuid name source createdAt } } } }',
      { name },
    );
    expect(answer.data!.allEvents.edges).toEqual([
      { node: { uuid: expect.any(String), name, source: 'users', createdAt: expect.any(String) } },
    ]);
  }, 60_000);

  it('dead-letters a bare message that breaks a rule to events.dlq with the field and reason', async () => {
    const marker = `bad-${run}`;
    const value = JSON.stringify({ name: marker, source: 'orders' });

    await kcatProduceLines(KAFKA_BROKERS, EVENTS_TOPIC, [value]);

    let deadLetter: Record<string, string> | undefined;
    await waitFor(
      async () => {
        const messages = await kcatRead(KAFKA_BROKERS, `${EVENTS_TOPIC}.dlq`).catch(() => []);
        const found = messages.find((message) => message.payload?.includes(marker));
        deadLetter = found && { ...kcatHeaders(found), payload: found.payload ?? '' };
        return deadLetter !== undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(deadLetter).toMatchObject({
      payload: value,
      ce_type: 'EVENT_SUBMITTED',
      ce_dlqtopic: EVENTS_TOPIC,
      ce_dlqhandler: 'EventsConsumer',
      ce_dlqerror: expect.stringContaining('source: must be one of: users, products'),
    });
    expect(await storedCount(api, marker)).toBe(0);
  }, 60_000);
});
