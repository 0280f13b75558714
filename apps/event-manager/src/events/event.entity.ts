import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DESCRIPTION_MAX_LENGTH, type EventSource, NAME_MAX_LENGTH } from './event.rules';

/** The seed's `Event` table (see M101Events for its columns). */
export const EventSchema = defineEntity({
  name: 'Event',
  tableName: 'events',
  properties: {
    uuid: p.uuid().primary(),
    name: p.string().length(NAME_MAX_LENGTH),
    source: p.string().$type<EventSource>().length(16),
    description: p.string().length(DESCRIPTION_MAX_LENGTH).nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Event = InferEntity<typeof EventSchema>;
