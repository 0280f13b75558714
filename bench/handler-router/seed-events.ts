import { createEnvelope, type EventEnvelope } from '@app/envelope';
import { Events } from '../../apps/handler-router/src/events/events.enum';
import { Topics } from '../../apps/handler-router/src/events/topics.enum';
import { HANDLER_ROUTER_SOURCE } from '../../apps/handler-router/src/publish/event-producer';

/** One event and the topic its handler reads. */
export interface RoutedEvent {
  readonly topic: Topics;
  readonly event: EventEnvelope;
}

/**
 * What an admin does, in proportion, per 20 events: users are created and updated more than
 * deleted, claims come and go more often than roles. 40% on `user_events`, 60% on
 * `role_events`; every handler of the seed gets its share.
 */
const MIX: readonly Events[] = [
  Events.USER_CREATED,
  Events.CLAIM_ADDED,
  Events.USER_UPDATED,
  Events.ROLE_CREATED,
  Events.CLAIM_ADDED,
  Events.USER_UPDATED,
  Events.CLAIM_REMOVED,
  Events.ROLE_UPDATED,
  Events.USER_CREATED,
  Events.CLAIM_ADDED,
  Events.USER_DELETED,
  Events.CLAIM_REMOVED,
  Events.ROLE_DELETED,
  Events.USER_UPDATED,
  Events.CLAIM_ADDED,
  Events.ROLE_CREATED,
  Events.USER_CREATED,
  Events.CLAIM_REMOVED,
  Events.ROLE_UPDATED,
  Events.USER_UPDATED,
];

const USERS = 10_000;
const ROLES = 1000;

/**
 * `count` events of the seed's kinds, with the seed's value shape (`{ userId, data: { id,
 * roleId? } }`), made as the app's producer makes them (`EventProducer.prepare`: source
 * `/handler-router`, partition key `data.roleId` or else `data.id`). Every event carries the
 * acting user `userId`, unique to the run, so its audit rows are counted apart from others'.
 */
export function seedEvents(count: number, userId: string): RoutedEvent[] {
  const events: RoutedEvent[] = [];
  for (let seq = 0; seq < count; seq += 1) {
    const type = MIX[seq % MIX.length];
    const data = dataOf(type, seq);
    const key = String(data.roleId ?? data.id);
    events.push({
      topic: topicOf(type),
      event: createEnvelope({
        type,
        source: HANDLER_ROUTER_SOURCE,
        subject: key,
        partitionKey: key,
        data: { userId, data },
      }),
    });
  }
  return events;
}

/** The events of each topic, in order, cut into batches of at most `size`. */
export function batchesByTopic(
  events: readonly RoutedEvent[],
  size: number,
): { readonly topic: Topics; readonly batch: EventEnvelope[] }[] {
  const batches: { topic: Topics; batch: EventEnvelope[] }[] = [];
  for (let start = 0; start < events.length; start += size) {
    for (const topic of Object.values(Topics)) {
      const batch = events
        .slice(start, start + size)
        .filter((routed) => routed.topic === topic)
        .map((routed) => routed.event);
      if (batch.length > 0) batches.push({ topic, batch });
    }
  }
  return batches;
}

function dataOf(type: Events, seq: number): { id: number; roleId?: number } {
  switch (type) {
    case Events.CLAIM_ADDED:
    case Events.CLAIM_REMOVED:
      return { id: seq, roleId: 1 + (seq % ROLES) };
    case Events.ROLE_CREATED:
    case Events.ROLE_UPDATED:
    case Events.ROLE_DELETED:
      return { id: 1 + (seq % ROLES) };
    default:
      return { id: 1 + (seq % USERS) };
  }
}

function topicOf(type: Events): Topics {
  return type.startsWith('USER_') ? Topics.USER_EVENTS : Topics.ROLE_EVENTS;
}
