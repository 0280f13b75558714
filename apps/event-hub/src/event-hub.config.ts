import { MongoConfig } from '@app/persistence/mongo';
import type { EventBusKind } from '@app/transport';
import { Transform } from 'class-transformer';
import { EVENTS_TOPIC } from './events/event.envelope';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/**
 * What one event-hub process runs: everything (the default), or one part, as the seed runs
 * `app`, `grpc-server` and `metrics-consumer` apart. `app` serves REST and GraphQL,
 * `grpc-server` the gRPC service; the consumers keep no public API but `/health`.
 */
export const EVENT_HUB_ROLES = [
  'all',
  'app',
  'grpc-server',
  'storage-consumer',
  'metrics-consumer',
] as const;
export type EventHubRole = (typeof EVENT_HUB_ROLES)[number];

/** The database the seed's events live in when MONGO_URL names none. */
export const DEFAULT_MONGO_DATABASE = 'event_hub';

/**
 * event-hub's settings: the shared ones (README, "Configuration") with its own port.
 * `MONGO_URL` set keeps the events in MongoDB (production, as in the seed), otherwise in the
 * SQL store of `DATABASE_URL` (SQLite by default).
 */
export class EventHubConfig extends MongoConfig {
  override PORT = 8000;

  @IsIn(EVENT_HUB_ROLES)
  ROLE: EventHubRole = 'all';

  /**
   * The seed's queue is the Redis stream `events`: `REDIS_URL` alone selects Redis Streams
   * here (other apps need `EVENT_BUS=redis`); `KAFKA_BROKERS` or `EVENT_BUS` still win.
   */
  override defaultEventBus(): EventBusKind {
    if (this.KAFKA_BROKERS) return 'kafka';
    return this.REDIS_URL ? 'redis' : 'memory';
  }

  /**
   * The stream (Redis) or topic (Kafka) ingest appends to and the consumer groups read: the
   * seed's `events`. Several hubs can share one Redis under different names.
   */
  @Matches(/^[a-z0-9]+([._-][a-z0-9]+)*$/, {
    message: 'EVENTS_STREAM must be a lower-case name like events or shop_events',
  })
  EVENTS_STREAM: string = EVENTS_TOPIC;

  /**
   * Entries the Redis stream keeps: it is trimmed back to this about once a second, but never
   * past an entry the storage or metrics group has not acknowledged, so a backlog longer than
   * this is kept whole (~1,000,000 envelopes take ~400 MB of Redis memory).
   */
  @Min(1000)
  @IsInt()
  EVENTS_STREAM_MAX_LEN: number = 1_000_000;

  /**
   * How long (ms) an entry of the Redis stream must sit unacknowledged by a member that shows
   * no sign of life before another member of its group takes it over: the time to recover
   * the batch a killed consumer held. Live members refresh what they hold, so this is no
   * limit on how long a batch may take.
   */
  @Min(1000)
  @IsInt()
  EVENTS_CLAIM_IDLE_MS: number = 30_000;

  /** Most events the storage consumer writes in one bulk insert. */
  @Max(10_000)
  @Min(1)
  @IsInt()
  STORAGE_BATCH_SIZE: number = 1000;

  /** Batches one storage consumer process writes at once. */
  @Max(64)
  @Min(1)
  @IsInt()
  STORAGE_CONCURRENCY: number = 2;

  /** Most events the metrics consumer adds to its buckets in one write. */
  @Max(10_000)
  @Min(1)
  @IsInt()
  METRICS_BATCH_SIZE: number = 1000;

  /**
   * How long the metrics store remembers the event ids it counted, so a batch delivered
   * again is not counted twice. Keep it above the longest time the metrics consumer may be
   * down: an entry it read but had not acknowledged comes back when it returns.
   */
  @Max(24 * 366)
  @Min(1)
  @IsInt()
  METRICS_LEDGER_RETENTION_HOURS: number = 24;

  /** Most events one `POST /events/batch` (and GraphQL `sendEvents`) may carry. */
  @Max(100_000)
  @Min(1)
  @IsInt()
  MAX_BATCH_EVENTS: number = 1000;

  /**
   * API keys that may write events (REST `X-API-Key` or `Authorization: Bearer`, gRPC
   * metadata `x-api-key`, GraphQL over HTTP and graphql-ws). Comma-separated; unset leaves
   * writes open, so the seed's `curl` works unchanged. Reads stay open either way.
   */
  @Matches(/^[^\s,]{16,}(,[^\s,]{16,})*$/, {
    message: 'API_KEYS must be comma-separated keys of at least 16 characters, without spaces',
  })
  @IsOptional()
  API_KEYS?: string;

  /** A URL without a database name (`mongodb://mongo:27017`) means database `event_hub`. */
  @Transform(({ value }: { value: unknown }) => withDefaultDatabase(value))
  declare MONGO_URL?: string;

  /** The gRPC server's port (`apps/event-hub/proto/event_hub.proto`), the seed's 50051. */
  @Max(65535)
  @Min(1)
  @IsInt()
  GRPC_PORT: number = 50051;

  @IsString()
  GRPC_HOST: string = '0.0.0.0';

  /**
   * Most messages one `SendEvents` stream may carry: the server holds a stream whole to
   * check it before ingesting any of it, so this bounds its memory.
   */
  @Max(1_000_000)
  @Min(1)
  @IsInt()
  GRPC_MAX_STREAM_EVENTS: number = 10_000;
}

function withDefaultDatabase(value: unknown): unknown {
  if (typeof value !== 'string' || !/^mongodb(\+srv)?:\/\//.test(value)) return value;
  // Hosts may be a list (`a:27017,b:27017`), which URL cannot parse: find the path by hand.
  const [base, query] = value.split(/\?(.*)/s, 2);
  const afterScheme = base.indexOf('://') + 3;
  const slash = base.indexOf('/', afterScheme);
  if (slash !== -1 && slash < base.length - 1) return value;
  const hosts = slash === -1 ? base : base.slice(0, slash);
  return `${hosts}/${DEFAULT_MONGO_DATABASE}${query !== undefined ? `?${query}` : ''}`;
}
