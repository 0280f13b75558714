import mongoose from 'mongoose';
import { v7 as uuidV7 } from 'uuid';
import {
  type EventDocument,
  EventDocumentSchema,
} from '../../apps/event-hub/src/events/mongo/event.schema';
import type { GeneratedEvent } from '../../apps/event-hub/src/generator/event.factory';
import { type LoadResult, runClosedLoop } from './closed-loop';

export interface MongoInsertLoad {
  /** The run's database; the collection is `events_insert_baseline`, with the hub's indexes. */
  readonly mongoUrl: string;
  /** Each insert writes one of these, with fresh ids. */
  readonly batches: readonly (readonly GeneratedEvent[])[];
  /** Inserts in flight at once (the storage consumer's STORAGE_CONCURRENCY). */
  readonly clients: number;
  readonly seconds: number;
}

/**
 * The store's side of the baseline: unordered `insertMany` of the hub's documents (same
 * fields, ids and indexes, through the driver as MongoEventStore does), as many at once as the
 * storage consumer writes, from this process. What the MongoDB server gives a consumer that
 * costs nothing: the ceiling for the storage group's rate on this machine.
 */
export async function runMongoInsertLoad(load: MongoInsertLoad): Promise<LoadResult> {
  const connection = await mongoose.createConnection(load.mongoUrl).asPromise();
  try {
    const collection = connection
      .getClient()
      .db()
      .collection<EventDocument>('events_insert_baseline');
    // The app's indexes carry no options; MongoIndexes builds them the same way.
    for (const [fields] of EventDocumentSchema.indexes()) {
      await collection.createIndex(fields as Record<string, 1 | -1>);
    }
    return await runClosedLoop({
      clients: load.clients,
      seconds: load.seconds,
      send: async (seq) => {
        const events = load.batches[seq % load.batches.length];
        const receivedAt = new Date();
        const documents = events.map((event): EventDocument => ({
          // UUIDv7, as the hub's ids: time-ordered keys cost a B-tree less than random ones.
          _id: uuidV7(),
          user_id: event.user_id,
          event_type: event.event_type,
          amount: event.amount,
          timestamp: new Date(event.timestamp),
          received_at: receivedAt,
        }));
        const reply = await collection.insertMany(documents, { ordered: false });
        return reply.insertedCount;
      },
    });
  } finally {
    await connection.close();
  }
}
