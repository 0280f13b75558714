import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { EventType } from '../event.rules';
import { IDEMPOTENCY_KEY_MAX_LENGTH, USER_ID_MAX_LENGTH } from '../event.rules';

/**
 * The `events` table (see M101Events for its columns). Properties keep the stored event's
 * snake_case names, so a row is a StoredEvent as it is.
 */
export const EventSchema = defineEntity({
  name: 'Event',
  tableName: 'events',
  properties: {
    id: p.uuid().primary(),
    user_id: p.string().length(USER_ID_MAX_LENGTH),
    event_type: p.string().$type<EventType>().length(16),
    // A double, as in MongoDB: a JavaScript number goes in and comes back bit for bit
    // (MikroORM reads doubles as strings unless told the runtime type is number).
    amount: p.double().runtimeType('number').$type<number>(),
    timestamp: p.datetime(3),
    idempotency_key: p.string().length(IDEMPOTENCY_KEY_MAX_LENGTH).nullable(),
    received_at: p.datetime(3),
  },
});

export type EventRow = InferEntity<typeof EventSchema>;
