import { MongoConfig } from '@app/persistence/mongo';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** The database the seed's events live in when MONGO_URL names none. */
export const DEFAULT_MONGO_DATABASE = 'event_hub';

/**
 * event-hub's settings: the shared ones (README, "Configuration") with its own port.
 * `MONGO_URL` set keeps the events in MongoDB (production, as in the seed), otherwise in the
 * SQL store of `DATABASE_URL` (SQLite by default).
 */
export class EventHubConfig extends MongoConfig {
  override PORT = 8000;

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
