import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { EventStatus } from './event-status';

/**
 * The seed's event, plus what the pipeline did with it: when the dispatcher routed it, when a
 * worker processed it, which worker, and in how many attempts.
 */
export const SeverityEventSchema = defineEntity({
  name: 'SeverityEvent',
  tableName: 'severity_events',
  properties: {
    id: p.uuid().primary(),
    title: p.string().length(200),
    message: p.text(),
    status: p.string().$type<EventStatus>().length(16),
    source: p.string().length(100),
    createdAt: p.datetime(3),
    dispatchedAt: p.datetime(3).nullable(),
    processedAt: p.datetime(3).nullable(),
    processedBy: p.string().length(100).nullable(),
    attempts: p.integer().default(0),
  },
});

export type SeverityEvent = InferEntity<typeof SeverityEventSchema>;
