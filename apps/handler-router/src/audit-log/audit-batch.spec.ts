import { ProcessedEventSchema } from '@app/persistence';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { findProcessedIds, writeAuditBatch } from './audit-batch';
import { AuditLogSchema } from './audit-log.entity';
import { auditRowsFixture, FIXTURE_TIME } from './audit-rows.fixture';

// PostgreSQL's own path: audit-batch.postgresql.integration-spec.ts.
describe('writeAuditBatch and findProcessedIds on SQLite', () => {
  let orm: MikroORM;
  let em: SqlEntityManager;

  beforeEach(async () => {
    orm = await MikroORM.init({
      driver: SqliteDriver,
      dbName: ':memory:',
      entities: [AuditLogSchema, ProcessedEventSchema],
    });
    await orm.schema.create();
    em = orm.em.fork() as SqlEntityManager;
  });

  afterEach(() => orm.close());

  it('stores rows that read back as recorded, and marks that find the handled ids', async () => {
    const rows = auditRowsFixture(['id-1', 'id-2'], ['e-1', "e-'2"]);

    await writeAuditBatch(em, {
      rows,
      consumer: 'router',
      eventIds: ['e-1', "e-'2", 'e-3'],
      processedAt: FIXTURE_TIME,
    });
    await writeAuditBatch(em, {
      rows: [],
      consumer: 'another-router',
      eventIds: ['e-4'],
      processedAt: FIXTURE_TIME,
    });

    expect(await findProcessedIds(em, 'router', ["e-'2", 'e-3', 'e-4', 'e-5'])).toEqual(
      new Set(["e-'2", 'e-3']),
    );
    expect(await em.fork().find(AuditLogSchema, {}, { orderBy: { id: 'asc' } })).toEqual(
      rows.map((row) => expect.objectContaining(row)),
    );
  });

  it('stores nothing of a batch whose writes fail', async () => {
    const batch = { rows: [], consumer: 'router', eventIds: ['e-1'], processedAt: FIXTURE_TIME };
    await writeAuditBatch(em, batch);

    await expect(
      writeAuditBatch(em, {
        ...batch,
        rows: auditRowsFixture(['id-1', 'id-2'], ['e-2', 'e-1']),
        eventIds: ['e-2', 'e-1'],
      }),
    ).rejects.toThrow();
    expect(await em.fork().count(AuditLogSchema, {})).toBe(0);
    expect(await findProcessedIds(em, 'router', ['e-1', 'e-2'])).toEqual(new Set(['e-1']));
  });
});
