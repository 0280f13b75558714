import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { EventType } from '../../events/event.rules';

/**
 * One bucket, table `metrics_minutes` (see M102MetricsBuckets): the events of one minute and
 * one type, keyed by both. The total is in cents, an integer, so sums are exact; both
 * counters are 64-bit and read as numbers.
 */
export const MetricsMinuteSchema = defineEntity({
  name: 'MetricsMinute',
  tableName: 'metrics_minutes',
  properties: {
    minute: p.datetime(3).primary(),
    event_type: p.string().$type<EventType>().length(16).primary(),
    count: p.bigint('number'),
    total_cents: p.bigint('number'),
  },
});

export type MetricsMinuteRow = InferEntity<typeof MetricsMinuteSchema>;
