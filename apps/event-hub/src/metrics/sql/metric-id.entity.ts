import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * The ledger of counted ids, table `metric_ids` (see M102MetricsBuckets): an event id is
 * added in the transaction that adds the event to its bucket, so a row here means "counted"
 * and a redelivered event finds it. Rows older than the retention are swept.
 */
export const MetricIdSchema = defineEntity({
  name: 'MetricId',
  tableName: 'metric_ids',
  properties: {
    event_id: p.uuid().primary(),
    counted_at: p.datetime(3),
  },
});

export type MetricIdRow = InferEntity<typeof MetricIdSchema>;
