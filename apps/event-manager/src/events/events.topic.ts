/** The seed's topic: `producer.send('events', {...})`. */
export const EVENTS_TOPIC = 'events';

/**
 * Partitions `events` is created with on Kafka: the most batches the store group writes at
 * once. Three kept a consumer waiting on PostgreSQL a fifth of the time (kafkajs fetches again
 * only once every partition's batch is stored); six stored 21,600-22,000 events/s against
 * 18,900-20,000 (bench/RESULTS.md, event-manager). A topic that exists keeps its count.
 */
export const EVENTS_TOPIC_PARTITIONS = 6;

/** The consumer group storing what arrives on `events` (the seed's Faust agent). */
export const EVENTS_STORE_GROUP = 'event-manager-store';

/** Event types on `events`. */
export enum EventManagerEventType {
  /** An event accepted by `createEventAsync` (or adopted from a bare message), to be stored. */
  EVENT_SUBMITTED = 'EVENT_SUBMITTED',
}

/** Data of `EVENT_SUBMITTED`: the event as it will be stored, timestamps in ISO 8601 UTC. */
export interface SubmittedEventData {
  readonly uuid: string;
  readonly name: string;
  readonly source: string;
  readonly description?: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
