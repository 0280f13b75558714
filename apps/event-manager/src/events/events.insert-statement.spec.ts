import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { type Event, EventSchema } from './event.entity';
import { insertMissingStatement } from './events.insert-statement';

const created = new Date('2025-03-02T12:05:00.123Z');

const EVENTS: readonly Event[] = [
  {
    uuid: '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11',
    name: "Bob's 'quoted' \\ name",
    source: 'users',
    description: null,
    createdAt: created,
    updatedAt: created,
  },
  {
    uuid: '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d12',
    name: 'Zażółć',
    source: 'products',
    description: 'line\nbreak; drop table events; --',
    createdAt: created,
    updatedAt: new Date('2025-03-02T12:06:00Z'),
  },
];

// Nothing connects: the ORM only builds statements here.
const PLATFORMS: readonly [string, Partial<Options>][] = [
  ['SQLite', { driver: SqliteDriver, dbName: ':memory:' }],
  ['PostgreSQL', { driver: PostgreSqlDriver, clientUrl: 'postgres://nobody@127.0.0.1:1/none' }],
];

describe.each(PLATFORMS)('insertMissingStatement on %s', (_name, options) => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init({ ...options, entities: [EventSchema], allowGlobalContext: true });
  });

  afterAll(() => orm.close());

  it("writes exactly what MikroORM's query builder writes for the same insert", () => {
    const em = orm.em.fork() as SqlEntityManager;
    const { sql, params } = insertMissingStatement(
      em.getPlatform(),
      em.getMetadata(EventSchema),
      EVENTS,
    );
    const built = em
      .createQueryBuilder(EventSchema)
      .insert([...EVENTS])
      .onConflict('uuid')
      .ignore()
      .returning('uuid')
      .getFormattedQuery();

    expect(em.getPlatform().formatQuery(sql, params)).toBe(built);
  });
});
