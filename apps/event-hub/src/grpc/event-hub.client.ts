import {
  type CallOptions,
  type ClientReadableStream,
  type ClientWritableStream,
  credentials,
  type GrpcObject,
  loadPackageDefinition,
  Metadata,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type {
  EventInputMessage,
  EventMessage,
  SendEventReply,
  SendEventsReply,
  StreamEventsRequest,
} from './event-hub.messages';
import {
  EVENT_HUB_PACKAGE,
  EVENT_HUB_SERVICE,
  eventHubProtoPath,
  PROTO_LOADER_OPTIONS,
} from './grpc.options';

type Callback<T> = (error: ServiceError | null, reply?: T) => void;

/** The `EventHub` service as grpc-js builds it from the .proto, typed. */
export interface EventHubGrpcClient {
  SendEvent(
    request: Partial<EventInputMessage>,
    metadata: Metadata,
    options: CallOptions,
    callback: Callback<SendEventReply>,
  ): void;
  SendEvents(
    metadata: Metadata,
    options: CallOptions,
    callback: Callback<SendEventsReply>,
  ): ClientWritableStream<Partial<EventInputMessage>>;
  StreamEvents(request: Partial<StreamEventsRequest>): ClientReadableStream<EventMessage>;
  waitForReady(deadline: Date, callback: (error?: Error) => void): void;
  close(): void;
}

/**
 * A plain grpc-js client of `proto/event_hub.proto` (no Nest), as any caller would build one:
 * used by the client script, the e2e tests and the benchmarks.
 */
export function createEventHubClient(target: string): EventHubGrpcClient {
  const definition = loadSync(eventHubProtoPath(), PROTO_LOADER_OPTIONS);
  const proto = loadPackageDefinition(definition)[EVENT_HUB_PACKAGE] as GrpcObject;
  const Client = proto[EVENT_HUB_SERVICE] as ServiceClientConstructor;
  return new Client(target, credentials.createInsecure()) as unknown as EventHubGrpcClient;
}

/**
 * `SendEvent` as a promise; `metadata` carries e.g. the `x-api-key` of a write, `options`
 * e.g. a `deadline`.
 */
export function sendEvent(
  client: EventHubGrpcClient,
  event: Partial<EventInputMessage>,
  metadata: Metadata = new Metadata(),
  options: CallOptions = {},
): Promise<SendEventReply> {
  return new Promise((resolve, reject) => {
    client.SendEvent(event, metadata, options, (error, reply) =>
      error ? reject(error) : resolve(reply!),
    );
  });
}

/** `SendEvents` as a promise: writes every event on one client stream, then ends it. */
export function sendEvents(
  client: EventHubGrpcClient,
  events: Iterable<Partial<EventInputMessage>>,
  metadata: Metadata = new Metadata(),
  options: CallOptions = {},
): Promise<SendEventsReply> {
  return new Promise((resolve, reject) => {
    const stream = client.SendEvents(metadata, options, (error, reply) =>
      error ? reject(error) : resolve(reply!),
    );
    // A rejected stream also surfaces here; the callback above reports it.
    stream.on('error', () => undefined);
    for (const event of events) stream.write(event);
    stream.end();
  });
}

/**
 * Opens `StreamEvents` and resolves once the server's response headers arrive, that is once
 * its subscription is live: every event ingested afterwards reaches `stream`.
 */
export function streamEvents(
  client: EventHubGrpcClient,
  request: Partial<StreamEventsRequest> = {},
): Promise<ClientReadableStream<EventMessage>> {
  return new Promise((resolve, reject) => {
    const stream = client.StreamEvents(request);
    stream.once('metadata', () => resolve(stream));
    stream.once('error', reject);
  });
}
