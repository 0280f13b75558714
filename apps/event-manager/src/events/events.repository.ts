import { Cursor, EntityManager, type FilterQuery, raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { type Event, EventSchema } from './event.entity';
import { insertMissingStatement } from './events.insert-statement';
import type { EventSource } from './event.rules';

export interface EventFilter {
  readonly source?: EventSource;
  /** Exact name. */
  readonly name?: string;
  /** Case-insensitive part of the name. */
  readonly nameContains?: string;
}

/** Relay-style page request: `first`/`after` forwards, `last`/`before` backwards. */
export interface PageRequest {
  readonly first?: number;
  readonly after?: string;
  readonly last?: number;
  readonly before?: string;
  readonly newestFirst?: boolean;
}

export interface EventPage {
  readonly items: readonly Event[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** The cursor of each item, in order. */
  readonly cursors: readonly string[];
}

export type EventChanges = Partial<Pick<Event, 'name' | 'source' | 'description'>>;

/** The events table, through MikroORM. Each call is its own unit of work (a forked manager). */
@Injectable()
export class EventsRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(event: Event): Promise<void> {
    await this.em.fork().insert(EventSchema, event);
  }

  /**
   * Inserts the events whose uuid is not stored yet, all in one statement (one transaction),
   * and returns the ones it inserted: a redelivered or duplicated event is skipped, not an
   * error, which is what makes the consumer idempotent.
   */
  async insertMissing(events: readonly Event[]): Promise<Event[]> {
    if (events.length === 0) return [];
    // Both our drivers (SQLite, PostgreSQL) are SQL drivers: their managers run SQL.
    const em = this.em.fork() as SqlEntityManager;
    const { sql, params } = insertMissingStatement(
      em.getPlatform(),
      em.getMetadata(EventSchema),
      events,
    );
    const rows = await em.execute<{ uuid: string }[]>(sql, params, 'all');
    // PostgreSQL's uuid type answers in lower case whatever case was sent; and an event twice
    // in one batch is inserted, so announced, once.
    const inserted = new Set(rows.map((row) => row.uuid.toLowerCase()));
    return events.filter((event) => inserted.delete(event.uuid.toLowerCase()));
  }

  findOne(uuid: string): Promise<Event | null> {
    return this.em.fork().findOne(EventSchema, { uuid });
  }

  /** Applies the changes and returns the updated event, or null when there is none. */
  async update(uuid: string, changes: EventChanges, now: Date): Promise<Event | null> {
    const em = this.em.fork();
    const event = await em.findOne(EventSchema, { uuid });
    if (!event) return null;
    em.assign(event, { ...changes, updatedAt: now });
    await em.flush();
    return event;
  }

  /** True when a row was deleted. */
  async delete(uuid: string): Promise<boolean> {
    return (await this.em.fork().nativeDelete(EventSchema, { uuid })) > 0;
  }

  async page(filter: EventFilter, request: PageRequest): Promise<EventPage> {
    const direction = request.newestFirst ? 'DESC' : 'ASC';
    const cursor = await this.em.fork().findByCursor(EventSchema, {
      where: where(filter),
      first: request.first,
      after: request.after,
      last: request.last,
      before: request.before,
      // The uuid breaks ties between events created in the same millisecond.
      orderBy: { createdAt: direction, uuid: direction },
    });
    return {
      items: cursor.items,
      totalCount: cursor.totalCount,
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      cursors: cursor.items.map((item) => cursor.from(item)),
    };
  }
}

/** Whether a string is a cursor this repository handed out (MikroORM's own encoding). */
export function isEventCursor(value: string): boolean {
  try {
    const decoded = Cursor.decode(value);
    return Array.isArray(decoded) && decoded.length === 2;
  } catch {
    return false;
  }
}

function where(filter: EventFilter): FilterQuery<Event> {
  const conditions: FilterQuery<Event>[] = [];
  if (filter.source) conditions.push({ source: filter.source });
  if (filter.name !== undefined) conditions.push({ name: filter.name });
  if (filter.nameContains) conditions.push(nameContains(filter.nameContains));
  return conditions.length > 0 ? { $and: conditions } : {};
}

/**
 * Case-insensitive substring match that reads the same on SQLite and PostgreSQL; `%` and `_`
 * typed by a user are literal characters, not wildcards (SQLite has no default LIKE escape).
 */
function nameContains(text: string): FilterQuery<Event> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return { [raw((alias) => `lower(${alias}.name) like ? escape '\\'`, [pattern])]: [] };
}
