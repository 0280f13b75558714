import { Schema } from 'mongoose';
import { EVENT_TYPES, type EventType } from '../event.rules';

export const EVENT_MODEL = 'Event';

/**
 * One event in database `event_hub`, collection `events` (where the seed looks with
 * `mongosh event_hub --eval "db.events.find()"`): the seed's snake_case fields, `_id` the
 * server id, `idempotency_key` only when the caller sent one.
 */
export interface EventDocument {
  _id: string;
  user_id: string;
  event_type: EventType;
  amount: number;
  timestamp: Date;
  idempotency_key?: string;
  received_at: Date;
}

export const EventDocumentSchema = new Schema<EventDocument>(
  {
    _id: { type: String, required: true },
    user_id: { type: String, required: true },
    event_type: { type: String, enum: EVENT_TYPES, required: true },
    amount: { type: Number, required: true },
    timestamp: { type: Date, required: true },
    idempotency_key: { type: String },
    received_at: { type: Date, required: true },
  },
  { collection: 'events', versionKey: false },
);
// latest() sorts by these three, alone or under a user or type filter; MongoIndexes builds
// them at start-up.
EventDocumentSchema.index({ timestamp: -1, received_at: -1, _id: -1 });
EventDocumentSchema.index({ user_id: 1, timestamp: -1 });
EventDocumentSchema.index({ event_type: 1, timestamp: -1 });
