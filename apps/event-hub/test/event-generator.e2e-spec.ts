import { freePort } from '@app/platform/testing/app-process';
import { createTestApp } from '@app/platform/testing/create-test-app';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import { EventHubModule } from '../src/event-hub.module';
import { EventFactory, type GeneratedEvent } from '../src/generator/event.factory';
import {
  DEFAULT_GENERATOR_OPTIONS,
  type GeneratorOptions,
  startGenerator,
} from '../src/generator/generator';
import type { GeneratorReport } from '../src/generator/generator.report';
import { seededRandom } from '../src/generator/random';
import { StubHubServer } from '../src/generator/testing/stub-hub.server';
import {
  createEventHubClient,
  type EventHubGrpcClient,
  streamEvents,
} from '../src/grpc/event-hub.client';
import type { EventMessage } from '../src/grpc/event-hub.messages';
import { startGrpcServer } from '../src/grpc/grpc.server';

/** One second at 50 events/s, as a person would run it: `--rate 50 --duration 1`. */
const RUN: Partial<GeneratorOptions> = { rate: 50, durationSeconds: 1, users: 20 };

function generate(options: Partial<GeneratorOptions>): Promise<GeneratorReport> {
  return startGenerator({ ...DEFAULT_GENERATOR_OPTIONS, ...RUN, ...options }).done;
}

/** What the seed makes the generator send, but for timestamps and keys: order-free. */
function expectedEvents(seed: string, count: number): string[] {
  const factory = new EventFactory({ users: RUN.users!, random: seededRandom(seed) });
  return factory.take(count).map(fingerprint).sort();
}

function fingerprint(event: { user_id: string; event_type: string; amount: number }): string {
  return `${event.user_id} ${event.event_type} ${event.amount}`;
}

/**
 * Every event sent was accepted, `batch` a request. How many went out in the second depends
 * on the machine's load (at most 50: the schedule never runs ahead), so the checks compare
 * the report with what the hub received rather than with a fixed count.
 */
function expectAllAccepted(report: GeneratorReport, batch: number): void {
  expect(report.sent).toBeGreaterThan(0);
  expect(report.sent).toBeLessThanOrEqual(50);
  expect(report.sent).toBe(report.requests * batch);
  expect(report).toMatchObject({ accepted: report.sent, rejected: 0, failed: 0 });
}

/** Resolves once `condition` holds, or fails after 5 s saying what it waited for. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('event generator (e2e)', () => {
  describe('over gRPC, against the app', () => {
    let app: INestApplication;
    let target: string;
    let client: EventHubGrpcClient;
    let live: ClientReadableStream<EventMessage>;
    let received: EventMessage[];

    beforeAll(async () => {
      const port = await freePort();
      app = await createTestApp(EventHubModule.forStore('sql'), {
        DATABASE_URL: 'sqlite::memory:',
      });
      await startGrpcServer(app, { GRPC_HOST: '127.0.0.1', GRPC_PORT: port });
      target = `127.0.0.1:${port}`;
      client = createEventHubClient(target);
    });

    beforeEach(async () => {
      received = [];
      live = await streamEvents(client);
      live.on('data', (event: EventMessage) => received.push(event));
    });

    afterEach(() => {
      live.on('error', () => undefined);
      live.cancel();
    });

    afterAll(async () => {
      client?.close();
      await app?.close();
    });

    it('sends single events for a second, and the hub ingests exactly the ones reported', async () => {
      const report = await generate({ protocol: 'grpc', grpcTarget: target, seed: 'grpc-single' });

      expectAllAccepted(report, 1);
      expect(report.latencyMs.p50).toBeGreaterThan(0);
      await until(() => received.length >= report.accepted, 'the hub streamed every event');
      expect(received.map(fingerprint).sort()).toEqual(expectedEvents('grpc-single', report.sent));
    });

    it('sends client streams of --batch events, keys included, and the counts match', async () => {
      const report = await generate({
        protocol: 'grpc',
        grpcTarget: target,
        batch: 10,
        idempotency: true,
        seed: 'grpc-batch',
      });

      expectAllAccepted(report, 10);
      expect(report.duplicates).toBe(0);
      await until(() => received.length >= report.accepted, 'the hub streamed every event');
      expect(received).toHaveLength(report.accepted);
      expect(received.map(fingerprint).sort()).toEqual(expectedEvents('grpc-batch', report.sent));
      expect(new Set(received.map((event) => event.idempotency_key)).size).toBe(report.sent);
    });

    it('counts every event as failed when nothing listens at the target', async () => {
      const closed = `127.0.0.1:${await freePort()}`;

      const report = await generate({ protocol: 'grpc', grpcTarget: closed, durationSeconds: 0.2 });

      expect(report.sent).toBeGreaterThan(0);
      expect(report).toMatchObject({ accepted: 0, rejected: 0, failed: report.sent });
      expect(report.firstFailure).toMatch(/^UNAVAILABLE: /);
    });
  });

  // The hub's REST routes are not in the tree yet: a stub that records what it is sent and
  // answers as the documented API does stands in for them.
  describe('over REST', () => {
    const hub = new StubHubServer();
    let url: string;

    beforeAll(async () => {
      url = await hub.start();
    });

    beforeEach(() => {
      hub.requests.length = 0;
    });

    afterAll(() => hub.stop());

    it('POSTs events to /events for a second with the API key, each one received', async () => {
      const report = await generate({ url, apiKey: 'key-0123456789abcdef', seed: 'rest-single' });

      expectAllAccepted(report, 1);
      expect(hub.requests).toHaveLength(report.requests);
      expect(hub.requests.every(({ path }) => path === '/events')).toBe(true);
      expect(hub.requests.map(({ headers }) => headers['x-api-key'])).toEqual(
        Array(report.requests).fill('key-0123456789abcdef'),
      );
      const sent = hub.events() as GeneratedEvent[];
      expect(sent.map(fingerprint).sort()).toEqual(expectedEvents('rest-single', report.sent));
    });

    it('POSTs --batch events a request to /events/batch', async () => {
      const report = await generate({ url, batch: 25, seed: 'rest-batch' });

      expectAllAccepted(report, 25);
      expect(hub.requests.map(({ path }) => path)).toEqual(
        Array(report.requests).fill('/events/batch'),
      );
      expect((hub.events() as GeneratedEvent[]).map(fingerprint).sort()).toEqual(
        expectedEvents('rest-batch', report.sent),
      );
    });

    it('reports a 400 as rejected with its message', async () => {
      hub.answer = () => ({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'amount: must not be negative' },
      });

      const report = await generate({ url, durationSeconds: 0.2 });

      expect(report.sent).toBeGreaterThan(0);
      expect(report).toMatchObject({ accepted: 0, rejected: report.sent, failed: 0 });
      expect(report.firstRejection).toBe('400 Bad Request: amount: must not be negative');
    });
  });
});
