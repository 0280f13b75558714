import { freePort } from '@app/platform/testing/app-process';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { INestApplication } from '@nestjs/common';
import { EventFactory } from '../src/generator/event.factory';
import {
  DEFAULT_GENERATOR_OPTIONS,
  type GeneratorOptions,
  startGenerator,
} from '../src/generator/generator';
import type { GeneratorReport } from '../src/generator/generator.report';
import { seededRandom } from '../src/generator/random';
import {
  createEventHubClient,
  type EventHubGrpcClient,
  streamEvents,
} from '../src/grpc/event-hub.client';
import type { EventMessage } from '../src/grpc/event-hub.messages';
import { startGrpcServer } from '../src/grpc/grpc.server';
import { createRestTestApp } from './rest-test-app';

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

const KEY = 'generator-key-0123456789';

describe('event generator (e2e), against the app over REST and gRPC', () => {
  let app: INestApplication;
  let url: string;
  let target: string;
  let client: EventHubGrpcClient;
  let live: ClientReadableStream<EventMessage>;
  let received: EventMessage[];

  beforeAll(async () => {
    app = await createRestTestApp({ API_KEYS: KEY });
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    await startGrpcServer(app, { GRPC_HOST: '127.0.0.1', GRPC_PORT: grpcPort });
    await app.listen(httpPort, '127.0.0.1');
    url = `http://127.0.0.1:${httpPort}`;
    target = `127.0.0.1:${grpcPort}`;
    client = createEventHubClient(target);
  });

  // Every event the hub ingests, whichever protocol brought it.
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
    delete process.env.API_KEYS;
    client?.close();
    await app?.close();
  });

  it.each<[string, Partial<GeneratorOptions>, number]>([
    ['REST POST /events', { protocol: 'rest' }, 1],
    ['REST POST /events/batch', { protocol: 'rest', batch: 10 }, 10],
    ['gRPC SendEvent', { protocol: 'grpc' }, 1],
    ['gRPC SendEvents', { protocol: 'grpc', batch: 10 }, 10],
  ])(
    'over %s for a second, the hub ingests exactly the events reported',
    async (name, options, batch) => {
      const seed = `e2e ${name}`;

      const report = await generate({ ...options, url, grpcTarget: target, apiKey: KEY, seed });

      expectAllAccepted(report, batch);
      expect(report.latencyMs.p50).toBeGreaterThan(0);
      await until(() => received.length >= report.accepted, 'the hub streamed every event');
      expect(received).toHaveLength(report.accepted);
      expect(received.map(fingerprint).sort()).toEqual(expectedEvents(seed, report.sent));
    },
  );

  it('attaches a distinct idempotency key to every event with --idempotency', async () => {
    const report = await generate({
      protocol: 'grpc',
      grpcTarget: target,
      apiKey: KEY,
      idempotency: true,
    });

    expectAllAccepted(report, 1);
    expect(report.duplicates).toBe(0);
    await until(() => received.length >= report.accepted, 'the hub streamed every event');
    const keys = new Set(received.map((event) => event.idempotency_key));
    expect(keys.size).toBe(report.sent);
    expect([...keys].every((key) => key.startsWith('gen-'))).toBe(true);
  });

  it.each<[string, Partial<GeneratorOptions>, RegExp]>([
    ['REST', { protocol: 'rest' }, /^401 Unauthorized: /],
    ['gRPC', { protocol: 'grpc' }, /^UNAUTHENTICATED: /],
  ])('reports every event rejected over %s without the API key', async (_, options, message) => {
    const report = await generate({ ...options, url, grpcTarget: target, durationSeconds: 0.2 });

    expect(report.sent).toBeGreaterThan(0);
    expect(report).toMatchObject({ accepted: 0, rejected: report.sent, failed: 0 });
    expect(report.firstRejection).toMatch(message);
    expect(received).toEqual([]);
  });

  it.each<[string, Partial<GeneratorOptions>, RegExp]>([
    ['REST', { protocol: 'rest' }, /ECONNREFUSED/],
    ['gRPC', { protocol: 'grpc' }, /^UNAVAILABLE: /],
  ])('reports every event failed when nothing listens (%s)', async (_, options, message) => {
    const closed = await freePort();

    const report = await generate({
      ...options,
      url: `http://127.0.0.1:${closed}`,
      grpcTarget: `127.0.0.1:${closed}`,
      durationSeconds: 0.2,
    });

    expect(report.sent).toBeGreaterThan(0);
    expect(report).toMatchObject({ accepted: 0, rejected: 0, failed: report.sent });
    expect(report.firstFailure).toMatch(message);
  });
});
