/** The seed's topic: `producer.send('events', {...})`. */
export const EVENTS_TOPIC = 'events';

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
