import { Schema } from 'mongoose';

export const METRIC_ID_MODEL = 'MetricId';

/**
 * One counted event in collection `metric_ids`, the ledger that keeps a redelivered event
 * from being counted twice: `_id` the event id, `counted_at` when it was counted, and
 * `expires_at` when it may be forgotten (counted_at + the retention).
 */
export interface MetricIdDocument {
  _id: string;
  counted_at: Date;
  expires_at: Date;
}

export const MetricIdDocumentSchema = new Schema<MetricIdDocument>(
  {
    _id: { type: String, required: true },
    counted_at: { type: Date, required: true },
    expires_at: { type: Date, required: true },
  },
  { collection: 'metric_ids', versionKey: false },
);
// MongoDB's TTL monitor deletes each entry once its `expires_at` is past. The expiry is per
// document, not the index's `expireAfterSeconds`, so a new METRICS_LEDGER_RETENTION_HOURS
// needs no index rebuilt (MongoDB refuses to create the same index with other options).
// MongoIndexes builds it at start-up.
MetricIdDocumentSchema.index({ expires_at: 1 }, { expireAfterSeconds: 0 });
