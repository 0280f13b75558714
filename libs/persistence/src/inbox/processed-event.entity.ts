import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** One row per (consumer, event id) a consumer has handled: the inbox used for idempotency. */
export const ProcessedEventSchema = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_events',
  properties: {
    consumer: p.string().primary(),
    eventId: p.string().primary(),
    processedAt: p.datetime(),
  },
});

export type ProcessedEvent = InferEntity<typeof ProcessedEventSchema>;
