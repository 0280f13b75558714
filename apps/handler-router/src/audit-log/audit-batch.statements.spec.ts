import { type ProcessedEvent, ProcessedEventSchema } from '@app/persistence';
import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { insertAuditRows, insertProcessedMarks } from './audit-batch.statements';
import { AuditLogSchema } from './audit-log.entity';
import { auditRowsFixture, FIXTURE_TIME } from './audit-rows.fixture';

const at = FIXTURE_TIME;
const ROWS = auditRowsFixture(
  ['3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d11', '3f0e4b0e-6f1c-4c39-9a53-1f5b1e0c2d12'],
  ['e-1', 'e-2'],
);

// Nothing connects: the ORM only builds statements here.
const PLATFORMS: readonly [string, Partial<Options>][] = [
  ['SQLite', { driver: SqliteDriver, dbName: ':memory:' }],
  ['PostgreSQL', { driver: PostgreSqlDriver, clientUrl: 'postgres://nobody@127.0.0.1:1/none' }],
];

describe.each(PLATFORMS)('audit batch statements on %s', (_name, options) => {
  let orm: MikroORM;
  let em: SqlEntityManager;

  beforeAll(async () => {
    orm = await MikroORM.init({
      ...options,
      entities: [AuditLogSchema, ProcessedEventSchema],
      allowGlobalContext: true,
    });
    em = orm.em.fork() as SqlEntityManager;
  });

  afterAll(() => orm.close());

  it("inserts audit rows exactly as MikroORM's query builder does", () => {
    const sql = insertAuditRows(em.getPlatform(), em.getMetadata(AuditLogSchema), ROWS);

    expect(sql).toBe(
      em
        .createQueryBuilder(AuditLogSchema)
        .insert([...ROWS])
        .getFormattedQuery(),
    );
  });

  it("inserts processed marks exactly as MikroORM's query builder does", () => {
    const marks: ProcessedEvent[] = ['e-1', "e-'2"].map((eventId) => ({
      consumer: 'handler-router',
      eventId,
      processedAt: at,
    }));
    const sql = insertProcessedMarks(
      em.getPlatform(),
      em.getMetadata(ProcessedEventSchema),
      'handler-router',
      marks.map((mark) => mark.eventId),
      at,
    );

    expect(sql).toBe(em.createQueryBuilder(ProcessedEventSchema).insert(marks).getFormattedQuery());
  });
});
