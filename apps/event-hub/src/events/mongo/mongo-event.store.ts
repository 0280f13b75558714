import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, mongo, QueryFilter } from 'mongoose';
import type { EventFilter, EventStore, StoredEvent } from '../event.store';
import { EVENT_MODEL, type EventDocument } from './event.schema';

const DUPLICATE_KEY = 11000;

/** What the driver's MongoBulkWriteError carries that we read. */
interface BulkWriteFailure {
  code?: unknown;
  writeErrors?: { code?: unknown } | { code?: unknown }[];
}

/** The events in MongoDB (`event_hub.events`), through mongoose. */
@Injectable()
export class MongoEventStore implements EventStore {
  constructor(@InjectModel(EVENT_MODEL) private readonly model: Model<EventDocument>) {}

  /**
   * One unordered insert: every new event is written even when others in the batch are
   * stored already, and each of those comes back as a duplicate-key write error (11000),
   * which is "stored", not a failure. The count of new events is the batch minus those
   * errors, not the reply's `n`: the MongoDB wire server of scripts/services.sh
   * (mongo-java-server) counts duplicates in `n` as if inserted, real MongoDB does not.
   */
  async insertMany(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    try {
      // The driver's own insert: documents are built here already, mongoose's casting and
      // hydration would only cost time.
      const collection = this.model.collection as unknown as mongo.Collection<EventDocument>;
      await collection.insertMany(events.map(toDocument), { ordered: false });
      return events.length;
    } catch (error) {
      const failure = error as BulkWriteFailure;
      const writeErrors = [failure.writeErrors ?? []].flat();
      const duplicates = writeErrors.filter((e) => e.code === DUPLICATE_KEY).length;
      if (writeErrors.length === 0 || duplicates < writeErrors.length) throw error;
      return events.length - duplicates;
    }
  }

  async latest(limit: number, filter: EventFilter = {}): Promise<StoredEvent[]> {
    // MongoDB reads `limit(0)` as "no limit".
    if (limit < 1) return [];
    const documents = await this.model
      .find(where(filter))
      .sort({ timestamp: -1, received_at: -1, _id: -1 })
      .limit(limit)
      .lean<EventDocument[]>()
      .exec();
    return documents.map(toStoredEvent);
  }

  count(filter: EventFilter = {}): Promise<number> {
    return this.model.countDocuments(where(filter)).exec();
  }

  async storedIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.model
      .find({ _id: { $in: [...ids] } }, { _id: 1 })
      .lean<Pick<EventDocument, '_id'>[]>()
      .exec();
    return new Set(found.map(({ _id }) => _id));
  }
}

function toDocument(event: StoredEvent): EventDocument {
  const document: EventDocument = {
    _id: event.id,
    user_id: event.user_id,
    event_type: event.event_type,
    amount: event.amount,
    timestamp: event.timestamp,
    received_at: event.received_at,
  };
  if (event.idempotency_key !== null) document.idempotency_key = event.idempotency_key;
  return document;
}

function toStoredEvent(document: EventDocument): StoredEvent {
  return {
    id: document._id,
    user_id: document.user_id,
    event_type: document.event_type,
    amount: document.amount,
    timestamp: document.timestamp,
    idempotency_key: document.idempotency_key ?? null,
    received_at: document.received_at,
  };
}

function where(filter: EventFilter): QueryFilter<EventDocument> {
  const timestamp = {
    ...(filter.from && { $gte: filter.from }),
    ...(filter.to && { $lt: filter.to }),
  };
  return {
    ...(filter.user_id !== undefined && { user_id: filter.user_id }),
    ...(filter.event_type !== undefined && { event_type: filter.event_type }),
    ...(Object.keys(timestamp).length > 0 && { timestamp }),
  };
}
