import type { EntityMetadata, Platform } from '@mikro-orm/core';
import type { Event } from './event.entity';

/** The columns a stored event fills, in the order of each row's values. */
const COLUMNS = ['uuid', 'name', 'source', 'description', 'createdAt', 'updatedAt'] as const;

/**
 * `insert into events (...) values (...), ... on conflict (uuid) do nothing returning uuid`
 * for `events`, one row each, with `?` placeholders: what MikroORM's query builder makes of
 * `insert(events).onConflict('uuid').ignore().returning('uuid')`, for about a third of its
 * CPU (the builder costs ~10 µs a row, a tenth of the consumer's time per event). The values
 * keep their JavaScript types: MikroORM's `execute` inlines them with the platform's own
 * quoting, which for these columns (no custom types) writes exactly what the builder writes
 * (dates as epoch milliseconds on SQLite, ISO strings on PostgreSQL);
 * events.insert-statement.spec.ts compares the two on both platforms. Being inlined, the
 * values count against no bind-parameter limit.
 */
export function insertMissingStatement(
  platform: Platform,
  meta: EntityMetadata<Event>,
  events: readonly Event[],
): { readonly sql: string; readonly params: unknown[] } {
  const column = (property: (typeof COLUMNS)[number]) =>
    platform.quoteIdentifier(meta.properties[property].fieldNames[0]);
  const row = `(${COLUMNS.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const event of events) {
    for (const property of COLUMNS) params.push(event[property] ?? null);
  }
  const uuid = column('uuid');
  const sql =
    `insert into ${platform.quoteIdentifier(meta.tableName)} ` +
    `(${COLUMNS.map(column).join(', ')}) values ${Array(events.length).fill(row).join(', ')} ` +
    `on conflict (${uuid}) do nothing returning ${uuid}`;
  return { sql, params };
}
