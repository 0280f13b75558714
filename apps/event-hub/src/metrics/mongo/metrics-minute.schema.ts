import { Schema } from 'mongoose';
import { EVENT_TYPES, type EventType } from '../../events/event.rules';

export const METRICS_MINUTE_MODEL = 'MetricsMinute';

/**
 * One bucket in collection `metrics_minutes`: the events of one minute and one type.
 * `_id` names both (`2024-01-15T10:30Z|purchase`), so adding to a bucket is an upsert by
 * `_id`; the total is in cents, an integer, so sums are exact.
 */
export interface MetricsMinuteDocument {
  _id: string;
  minute: Date;
  event_type: EventType;
  count: number;
  total_cents: number;
}

export const MetricsMinuteDocumentSchema = new Schema<MetricsMinuteDocument>(
  {
    _id: { type: String, required: true },
    minute: { type: Date, required: true },
    event_type: { type: String, enum: EVENT_TYPES, required: true },
    count: { type: Number, required: true },
    total_cents: { type: Number, required: true },
  },
  { collection: 'metrics_minutes', versionKey: false },
);
// buckets() reads a range of minutes in this order; MongoIndexes builds it at start-up.
MetricsMinuteDocumentSchema.index({ minute: 1, event_type: 1 });

/** The bucket's `_id`: its minute to the minute, in UTC, and its type. */
export function bucketId(minute: Date, eventType: EventType): string {
  return `${minute.toISOString().slice(0, 16)}Z|${eventType}`;
}
