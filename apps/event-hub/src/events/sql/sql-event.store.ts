import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import type { EventFilter, EventStore, StoredEvent } from '../event.store';
import { type EventRow, EventSchema } from './event.entity';

/**
 * Rows an insert statement carries at most: 7 values a row stays under PostgreSQL's 65,535
 * bind parameters (and SQLite's 32,766) with room to spare.
 */
const ROWS_PER_STATEMENT = 4000;

/** The events in SQLite or PostgreSQL, through MikroORM; each call forks its own manager. */
@Injectable()
export class SqlEventStore implements EventStore {
  constructor(private readonly em: EntityManager) {}

  async insertMany(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    // Both our drivers (SQLite, PostgreSQL) are SQL drivers: their managers build SQL.
    const em = this.em.fork() as SqlEntityManager;
    // One transaction: a batch is stored whole or not at all.
    return em.transactional(async (tx) => {
      let inserted = 0;
      for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
        const rows = events.slice(start, start + ROWS_PER_STATEMENT).map((event) => ({ ...event }));
        // `on conflict do nothing`: an id stored already (or twice in the batch) is skipped,
        // and the affected row count is what was new.
        const result = await tx
          .createQueryBuilder(EventSchema)
          .insert(rows)
          .onConflict('id')
          .ignore()
          .execute('run');
        inserted += result.affectedRows;
      }
      return inserted;
    });
  }

  async latest(limit: number, filter: EventFilter = {}): Promise<StoredEvent[]> {
    if (limit < 1) return [];
    const rows = await this.em.fork().find(EventSchema, where(filter), {
      orderBy: { timestamp: 'desc', received_at: 'desc', id: 'desc' },
      limit,
      disableIdentityMap: true,
    });
    return rows.map(toStoredEvent);
  }

  count(filter: EventFilter = {}): Promise<number> {
    return this.em.fork().count(EventSchema, where(filter));
  }

  async storedIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.em
      .fork()
      .find(EventSchema, { id: { $in: [...ids] } }, { fields: ['id'], disableIdentityMap: true });
    return new Set(rows.map(({ id }) => id));
  }
}

function where(filter: EventFilter): FilterQuery<EventRow> {
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

/** A plain StoredEvent, not a managed entity, whatever the caller does with it. */
function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    user_id: row.user_id,
    event_type: row.event_type,
    amount: row.amount,
    timestamp: row.timestamp,
    idempotency_key: row.idempotency_key ?? null,
    received_at: row.received_at,
  };
}
