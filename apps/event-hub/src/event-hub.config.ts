import { DatabaseConfig } from '@app/persistence';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** event-hub's settings: the shared ones (README, "Configuration") with its own port. */
export class EventHubConfig extends DatabaseConfig {
  override PORT = 8000;

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
