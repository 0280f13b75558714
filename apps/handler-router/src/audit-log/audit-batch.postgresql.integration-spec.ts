import { randomUUID } from 'node:crypto';
import { ProcessedEventSchema } from '@app/persistence';
import { M001ProcessedEvents } from '@app/persistence/migrations/m001-processed-events.migration';
import { requireService } from '@app/platform/testing/require-service';
import { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Client } from 'pg';
import { findProcessedIds, writeAuditBatch } from './audit-batch';
import { AuditLogSchema } from './audit-log.entity';
import { auditRowsFixture, FIXTURE_TIME } from './audit-rows.fixture';
import { M201AuditLog } from './migrations/m201-audit-log.migration';

// The server of scripts/services.sh (or any PostgreSQL given by POSTGRES_ADMIN_URL, whose
// role may create databases); the suite gets a database of its own, made by the migrations.
const adminUrl = process.env.POSTGRES_ADMIN_URL ?? 'postgres://events:events@127.0.0.1:5432/events';
const database = `handler_router_audit_${randomUUID().replaceAll('-', '')}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every column as PostgreSQL prints it, but the ones that differ by design (ids). */
async function storedAsText(em: SqlEntityManager, userIds: readonly string[]): Promise<unknown[]> {
  return em.execute(
    `select action, user_id, description, entity_name, new_value::text, topic, event_type,
       occurred_at::text, recorded_at::text
     from audit_log where user_id in (?, ?) order by user_id, description`,
    [...userIds],
  );
}

describe('writeAuditBatch on PostgreSQL (one statement)', () => {
  let orm: MikroORM;
  let em: SqlEntityManager;

  beforeAll(async () => {
    await requireService('postgres', adminUrl);
    await admin(`create database "${database}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: url.toString(),
      entities: [AuditLogSchema, ProcessedEventSchema],
      extensions: [Migrator],
      migrations: {
        migrationsList: [M001ProcessedEvents, M201AuditLog],
        snapshot: false,
        silent: true,
      },
    });
    await orm.migrator.up();
  });

  afterAll(async () => {
    await orm?.close();
    await admin(`drop database if exists "${database}" with (force)`);
  });

  beforeEach(() => {
    em = orm.em.fork() as SqlEntityManager;
  });

  it("stores every column exactly as MikroORM's insertMany does", async () => {
    const viaOrm = auditRowsFixture([randomUUID(), randomUUID()], ['orm-1', 'orm-2']);
    const viaStatement = auditRowsFixture([randomUUID(), randomUUID()], ['sql-1', 'sql-2']);
    // The fixture's user ids, apart for each path.
    viaStatement.forEach((row) => (row.userId = `${row.userId} (statement)`));
    viaOrm.forEach((row) => (row.userId = `${row.userId} (orm)`));

    await em.insertMany(AuditLogSchema, viaOrm);
    await writeAuditBatch(em, {
      rows: viaStatement,
      consumer: 'router',
      eventIds: ['sql-1', 'sql-2'],
      processedAt: FIXTURE_TIME,
    });

    const stored = await storedAsText(
      em,
      viaStatement.map((row) => row.userId),
    );
    const expected = await storedAsText(
      em,
      viaOrm.map((row) => row.userId),
    );
    const normalise = (rows: unknown[], path: string) =>
      JSON.stringify(rows).replaceAll(` (${path})`, '');
    expect(stored).toHaveLength(2);
    expect(normalise(stored, 'statement')).toBe(normalise(expected, 'orm'));
    expect(await em.fork().find(AuditLogSchema, { eventId: { $in: ['sql-1', 'sql-2'] } })).toEqual(
      expect.arrayContaining(viaStatement.map((row) => expect.objectContaining(row))),
    );
  });

  it('marks every handled event, with or without audit rows, for its consumer only', async () => {
    await writeAuditBatch(em, {
      rows: [],
      consumer: 'router',
      eventIds: ['m-1', "m-'2"],
      processedAt: FIXTURE_TIME,
    });
    await writeAuditBatch(em, {
      rows: [],
      consumer: 'another-router',
      eventIds: ['m-3'],
      processedAt: FIXTURE_TIME,
    });

    expect(await findProcessedIds(em, 'router', ['m-1', "m-'2", 'm-3', 'm-4'])).toEqual(
      new Set(['m-1', "m-'2"]),
    );
  });

  it('stores nothing of a batch when any part fails, and never cuts a value short', async () => {
    await writeAuditBatch(em, {
      rows: [],
      consumer: 'router',
      eventIds: ['f-1'],
      processedAt: FIXTURE_TIME,
    });
    const rows = auditRowsFixture([randomUUID(), randomUUID()], ['f-2', 'f-1']);

    await expect(
      writeAuditBatch(em, {
        rows,
        consumer: 'router',
        eventIds: ['f-2', 'f-1'],
        processedAt: FIXTURE_TIME,
      }),
    ).rejects.toThrow(/duplicate key/);
    rows[0].action = 'AN_ACTION_LONGER_THAN_16' as (typeof rows)[number]['action'];
    await expect(
      writeAuditBatch(em, {
        rows: [rows[0]],
        consumer: 'router',
        eventIds: ['f-2'],
        processedAt: FIXTURE_TIME,
      }),
    ).rejects.toThrow(/too long/);
    expect(await em.fork().count(AuditLogSchema, { eventId: { $in: ['f-1', 'f-2'] } })).toBe(0);
    expect(await findProcessedIds(em, 'router', ['f-1', 'f-2'])).toEqual(new Set(['f-1']));
  });
});
