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

/** The ORM only builds statements here: nothing connects. */
async function initOrm(options: Partial<Options>): Promise<MikroORM> {
  return MikroORM.init({ ...options, entities: [EventSchema], allowGlobalContext: true });
}

function formatted(orm: MikroORM): string {
  const em = orm.em.fork() as SqlEntityManager;
  const { sql, params } = insertMissingStatement(
    em.getPlatform(),
    em.getMetadata(EventSchema),
    EVENTS,
  );
  return em.getPlatform().formatQuery(sql, params);
}

describe('insertMissingStatement on SQLite', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await initOrm({ driver: SqliteDriver, dbName: ':memory:' });
  });

  afterAll(() => orm.close());

  it("writes exactly what MikroORM's query builder writes for the same insert", () => {
    const built = (orm.em.fork() as SqlEntityManager)
      .createQueryBuilder(EventSchema)
      .insert([...EVENTS])
      .onConflict('uuid')
      .ignore()
      .returning('uuid')
      .getFormattedQuery();

    expect(formatted(orm)).toBe(built);
  });
});

describe('insertMissingStatement on PostgreSQL', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await initOrm({ driver: PostgreSqlDriver, clientUrl: 'postgres://nobody@127.0.0.1:1/x' });
  });

  afterAll(() => orm.close());

  it('sends one array a column, typed as the column, quoted as the query builder quotes', () => {
    expect(formatted(orm)).toBe(
      'insert into "events" ("uuid", "name", "source", "description", "created_at", "updated_at") ' +
        'select * from unnest(' +
        "array['3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11', '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d12']::uuid[], " +
        "array[ E'Bob''s ''quoted'' \\\\ name', 'Zażółć']::varchar(255)[], " +
        "array['users', 'products']::varchar(16)[], " +
        "array[null, 'line\nbreak; drop table events; --']::varchar(2000)[], " +
        "array['2025-03-02T12:05:00.123Z', '2025-03-02T12:05:00.123Z']::timestamptz(3)[], " +
        "array['2025-03-02T12:05:00.123Z', '2025-03-02T12:06:00.000Z']::timestamptz(3)[]) " +
        'on conflict ("uuid") do nothing returning "uuid"',
    );
  });
});
