import type { EventEnvelope } from '@app/envelope';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * An event the admin API committed with its state change and has not published yet (the
 * transactional outbox). `seq` orders them: the relay publishes oldest first.
 */
export const OutboxEventSchema = defineEntity({
  name: 'OutboxEvent',
  tableName: 'admin_outbox',
  properties: {
    seq: p.integer().primary().autoincrement(),
    topic: p.string().length(255),
    envelope: p.json<EventEnvelope>(),
    createdAt: p.datetime(3),
  },
});

export type OutboxEvent = InferEntity<typeof OutboxEventSchema>;
