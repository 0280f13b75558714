import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import {
  createEventHubClient,
  type EventHubGrpcClient,
  sendEvent,
  streamEvents,
} from '../src/grpc/event-hub.client';
import type { EventInputMessage, EventMessage } from '../src/grpc/event-hub.messages';
import { type LiveSubscription, subscribe } from './graphql-test-app';

/** One event as every protocol's client writes it, in the seed's field names. */
export interface SentEvent {
  readonly user_id: string;
  readonly event_type: string;
  readonly amount: number;
  readonly timestamp: string;
  readonly idempotency_key?: string;
}

export interface HttpAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

interface GraphqlAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface StoredView {
  readonly id: string;
  readonly userId: string;
  readonly eventType: string;
  readonly amount: number;
  readonly timestamp: string;
}

export interface MetricsView {
  readonly totalAmount: number;
  readonly eventCount: number;
  readonly timeWindow: string;
  readonly byType: readonly { eventType: string; eventCount: number; totalAmount: number }[];
}

const EVENT_FIELDS = 'id userId eventType amount timestamp';

/**
 * event-hub's three protocols as outside clients reach them (fetch, graphql-ws, grpc-js),
 * whether the hub runs in this process or as separate processes per role.
 */
export class HubClients {
  private readonly grpcClient?: EventHubGrpcClient;
  private readonly live: { cancel(): void }[] = [];

  /**
   * @param http REST and GraphQL (`http://127.0.0.1:<port>`), the `app` role
   * @param grpc `127.0.0.1:<port>` of the `grpc-server` role
   */
  constructor(
    private readonly http: string,
    grpc?: string,
  ) {
    this.grpcClient = grpc ? createEventHubClient(grpc) : undefined;
  }

  async postEvent(event: object): Promise<HttpAnswer> {
    return this.post('/events', event);
  }

  async postBatch(events: readonly object[]): Promise<HttpAnswer> {
    return this.post('/events/batch', { events });
  }

  /** `SendEvent`; resolves with the reply or the ServiceError. */
  grpcSend(event: Partial<EventInputMessage>): Promise<{ id: string } | ServiceError> {
    return sendEvent(this.grpc(), event).catch((error: ServiceError) => error);
  }

  /** The `sendEvent` mutation, with camelCase fields as a GraphQL client writes them. */
  graphqlSend(event: SentEvent): Promise<GraphqlAnswer<{ sendEvent: { id: string } }>> {
    return this.graphql(
      'mutation($input: EventInput!) { sendEvent(input: $input) { id duplicate } }',
      {
        input: {
          userId: event.user_id,
          eventType: event.event_type,
          amount: event.amount,
          timestamp: event.timestamp,
          ...(event.idempotency_key !== undefined && { idempotencyKey: event.idempotency_key }),
        },
      },
    );
  }

  async lastEvents(limit: number, userId?: string): Promise<StoredView[]> {
    const answer = await this.graphql<{ lastEvents: StoredView[] }>(
      `query($limit: Int, $userId: String) { lastEvents(limit: $limit, userId: $userId) { ${EVENT_FIELDS} } }`,
      { limit, userId },
    );
    return dataOf(answer).lastEvents;
  }

  async aggregatedMetrics(minutes: number): Promise<MetricsView> {
    const answer = await this.graphql<{ aggregatedMetrics: MetricsView }>(
      `query($minutes: Int) {
        aggregatedMetrics(minutes: $minutes) {
          totalAmount eventCount timeWindow byType { eventType eventCount totalAmount }
        }
      }`,
      { minutes },
    );
    return dataOf(answer).aggregatedMetrics;
  }

  /** The seed's `eventStream` subscription over graphql-ws; live once `started` resolves. */
  eventStream(): LiveSubscription<{ eventStream: StoredView }> {
    const subscription = subscribe<{ eventStream: StoredView }>(
      `${this.http.replace(/^http/, 'ws')}/graphql`,
      `subscription { eventStream { ${EVENT_FIELDS} } }`,
    );
    this.live.push({ cancel: () => void subscription.leave() });
    return subscription;
  }

  /** gRPC `StreamEvents`, live once this resolves (the server sent its headers). */
  async grpcStream(): Promise<{ received: EventMessage[] }> {
    const stream: ClientReadableStream<EventMessage> = await streamEvents(this.grpc());
    const received: EventMessage[] = [];
    stream.on('data', (event: EventMessage) => received.push(event));
    stream.on('error', () => undefined);
    this.live.push(stream);
    return { received };
  }

  async graphql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>> {
    const { body } = await this.post<GraphqlAnswer<T>>('/graphql', { query, variables });
    return body;
  }

  close(): void {
    for (const stream of this.live.splice(0)) stream.cancel();
    this.grpcClient?.close();
  }

  private grpc(): EventHubGrpcClient {
    if (!this.grpcClient) throw new Error('this HubClients has no gRPC address');
    return this.grpcClient;
  }

  private async post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
  ): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.http}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
}

function dataOf<T>(answer: GraphqlAnswer<T>): T {
  if (answer.errors?.length || !answer.data) {
    throw new Error(`GraphQL answered errors: ${JSON.stringify(answer.errors)}`);
  }
  return answer.data;
}

/** Polls `probe` every 50 ms until `done` holds for its answer; fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
