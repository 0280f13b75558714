import { DatabaseConfig } from '@app/persistence';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/** What one event-manager process runs: both parts (the default), or one of them. */
export const EVENT_MANAGER_ROLES = ['all', 'api', 'consumer'] as const;
export type EventManagerRole = (typeof EVENT_MANAGER_ROLES)[number];

/** event-manager's settings: the shared ones (README, "Configuration") plus its own. */
export class EventManagerConfig extends DatabaseConfig {
  override PORT = 3001;

  /**
   * `api` serves GraphQL only, `consumer` only stores events from the `events` topic (several
   * consumers share it as one group); both need a shared event bus (Kafka or Redis).
   */
  @IsIn(EVENT_MANAGER_ROLES)
  ROLE: EventManagerRole = 'all';

  /** Most events the consumer stores in one transaction. */
  @Max(10_000)
  @Min(1)
  @IsInt()
  CONSUMER_BATCH_SIZE: number = 500;

  /** Partitions of `events` one consumer process stores at once. */
  @Max(64)
  @Min(1)
  @IsInt()
  CONSUMER_CONCURRENCY: number = 3;
}
