import { randomUUID } from 'node:crypto';
import { requireService } from '@app/platform/testing/require-service';
import { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { type Event, EventSchema } from './event.entity';
import { EventsRepository } from './events.repository';
import { M101Events } from './migrations/m101-events.migration';

// The server of scripts/services.sh (or POSTGRES_ADMIN_URL, whose role may create
// databases); the suite makes a database of its own and drops it at the end.
const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://events:events@127.0.0.1:5432/events';
const database = `event_manager_${randomUUID().replaceAll('-', '')}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function event(overrides: Partial<Event> = {}): Event {
  const now = new Date();
  return {
    uuid: randomUUID(),
    name: 'stored',
    source: 'users',
    description: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

describe('EventsRepository.insertMissing on PostgreSQL (unnest form)', () => {
  let orm: MikroORM;
  let events: EventsRepository;

  beforeAll(async () => {
    await requireService('postgres', adminUrl);
    await admin(`create database "${database}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: url.toString(),
      entities: [EventSchema],
      extensions: [Migrator],
      migrations: { migrationsList: [M101Events], snapshot: false, silent: true },
    });
    await orm.migrator.up();
    events = new EventsRepository(orm.em);
  });

  afterAll(async () => {
    await orm?.close();
    await admin(`drop database if exists "${database}" with (force)`);
  });

  it('stores every field as given, quotes, backslashes, newlines and nulls included', async () => {
    const batch = [
      event({ name: "Bob's 'quoted' \\ name", description: 'line\nbreak; drop table events; --' }),
      event({ name: 'Zażółć', source: 'products', updatedAt: new Date('2025-03-02T12:06:00Z') }),
      event({ createdAt: new Date('2025-03-02T12:05:00.123Z') }),
    ];

    expect(await events.insertMissing(batch)).toEqual(batch);
    for (const stored of batch) expect(await events.findOne(stored.uuid)).toEqual(stored);
  });

  it('skips what is stored already and returns only the new events', async () => {
    const first = event();
    const second = event();
    await events.insertMissing([first]);

    expect(await events.insertMissing([first, second])).toEqual([second]);
    expect(await events.insertMissing([first, second])).toEqual([]);
  });

  it('returns an event sent twice in one batch once, whatever the case of its uuid', async () => {
    const twice = event({ uuid: randomUUID().toUpperCase() });

    expect(await events.insertMissing([twice, twice])).toEqual([twice]);
  });

  it('stores a batch far above any bind-parameter limit in one statement', async () => {
    // 12,000 rows of 6 values: 72,000 values, over PostgreSQL's 65,535 parameters.
    const batch = Array.from({ length: 12_000 }, (_, i) => event({ name: `bulk-${i}` }));

    expect(await events.insertMissing(batch)).toHaveLength(batch.length);
    expect((await events.page({ name: 'bulk-11999' }, { first: 1 })).totalCount).toBe(1);
  });
});
