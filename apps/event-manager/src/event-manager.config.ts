import { DatabaseConfig } from '@app/persistence';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { EVENTS_TOPIC_PARTITIONS } from './events/events.topic';

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

  /**
   * Most events the consumer stores in one transaction. The default takes a whole Kafka fetch
   * of a partition at once (kafkajs fetches up to 1 MiB a partition, ~1,700 of
   * createEventAsync's ~600-byte messages): one insert, heartbeat and commit check a fetch
   * rather than four (consumer CPU an event: 59-62 µs at 500, 45-57 µs at 2,000 to 5,000;
   * bench/RESULTS.md, event-manager).
   */
  @Max(10_000)
  @Min(1)
  @IsInt()
  CONSUMER_BATCH_SIZE: number = 2000;

  /** Partitions of `events` one consumer process stores at once (as many as it has). */
  @Max(64)
  @Min(1)
  @IsInt()
  CONSUMER_CONCURRENCY: number = EVENTS_TOPIC_PARTITIONS;
}
