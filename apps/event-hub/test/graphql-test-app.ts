import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createClient, type Client } from 'graphql-ws';
import { tap } from 'rxjs';
import request from 'supertest';
import WebSocket from 'ws';
import { EventHubModule } from '../src/event-hub.module';
import { EVENT_INGEST, type EventIngest } from '../src/events/event-ingest.port';
import { METRICS_STORE } from '../src/metrics/metrics.store';
import { InMemoryMetricsStore } from './in-memory-metrics.store';

export interface GraphqlTestApp {
  readonly app: INestApplication;
  /** What `aggregatedMetrics` reads. */
  readonly metrics: InMemoryMetricsStore;
  /** `ws://127.0.0.1:<port>/graphql`, for graphql-ws clients. */
  readonly wsUrl: string;
  /** How many subscriptions to `EVENT_INGEST.live()` are open right now. */
  liveSubscriptions(): number;
}

/**
 * event-hub with every part on the embedded default (SQLite in memory, the in-memory bus),
 * listening on a free port for graphql-ws. `aggregatedMetrics` reads the in-memory store
 * `metrics`, which the test fills, not the app's own. Close it with `app.close()`.
 */
export async function createGraphqlTestApp(
  env: Record<string, string> = {},
): Promise<GraphqlTestApp> {
  Object.assign(process.env, { DATABASE_URL: 'sqlite::memory:', ...env });
  const metrics = new InMemoryMetricsStore();
  const moduleRef = await Test.createTestingModule({ imports: [EventHubModule.forStore('sql')] })
    .overrideProvider(METRICS_STORE)
    .useValue(metrics)
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const liveSubscriptions = countLiveSubscriptions(app.get<EventIngest>(EVENT_INGEST));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, metrics, wsUrl: `ws://127.0.0.1:${port}/graphql`, liveSubscriptions };
}

/** Wraps the ingest's `live()` to count its open subscriptions: a leak shows as a count > 0. */
function countLiveSubscriptions(ingest: EventIngest): () => number {
  let open = 0;
  const live = ingest.live.bind(ingest);
  ingest.live = () =>
    live().pipe(
      tap({
        subscribe: () => void open++,
        finalize: () => void open--,
      }),
    );
  return () => open;
}

export interface GraphqlAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly GraphqlError[];
}

export interface GraphqlError {
  readonly message: string;
  readonly path?: readonly string[];
  readonly extensions?: {
    readonly code?: string;
    readonly violations?: readonly { field: string; reason: string }[];
  };
}

/**
 * POSTs one operation to `/graphql` as any HTTP client would. Apollo answers HTTP 200, or 400
 * with the errors when the operation never ran (bad variables, a query that does not parse).
 */
export async function graphql<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await request(app.getHttpServer())
    .post('/graphql')
    .set({ 'content-type': 'application/json', ...headers })
    .send({ query, variables });
  const refused = response.status === 400 && Array.isArray(response.body?.errors);
  if (response.status !== 200 && !refused) {
    throw new Error(`POST /graphql answered ${response.status}: ${response.text}`);
  }
  return response.body as GraphqlAnswer<T>;
}

/** The data of an answer that must have no errors. */
export async function graphqlData<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<T> {
  const answer = await graphql<T>(app, query, variables, headers);
  if (answer.errors?.length || !answer.data) {
    throw new Error(`GraphQL answered errors: ${JSON.stringify(answer.errors)}`);
  }
  return answer.data;
}

/** One graphql-ws subscription and what it received so far. */
export interface LiveSubscription<T> {
  readonly received: T[];
  readonly errors: unknown[];
  /** Resolves when the server completed the operation (or the socket closed). */
  readonly ended: Promise<void>;
  readonly client: Client;
  /** The client leaves: completes the operation and closes its socket. */
  leave(): Promise<void>;
  /** The client vanishes: its TCP connection is destroyed, with no goodbye. */
  drop(): void;
}

/** Subscribes with a graphql-ws client over `ws`, as a browser or any Node client would. */
export function subscribe<T>(
  wsUrl: string,
  query: string,
  variables?: Record<string, unknown>,
): LiveSubscription<T> {
  const sockets: WebSocket[] = [];
  /** `ws`, keeping each socket the client opens so that `drop()` can destroy it. */
  class KeptWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
  }
  // No retries: a test wants to see the socket close, not a reconnect.
  const client = createClient({ url: wsUrl, webSocketImpl: KeptWebSocket, retryAttempts: 0 });
  const received: T[] = [];
  const errors: unknown[] = [];
  let unsubscribe = () => undefined as void;
  const ended = new Promise<void>((resolve) => {
    unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: ({ data, errors: answerErrors }) => {
          if (data) received.push(data as T);
          if (answerErrors) errors.push(...answerErrors);
        },
        error: (error) => {
          errors.push(error);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return {
    received,
    errors,
    ended,
    client,
    leave: async () => {
      unsubscribe();
      await client.dispose();
    },
    drop: () => {
      for (const socket of sockets) socket.terminate();
    },
  };
}
