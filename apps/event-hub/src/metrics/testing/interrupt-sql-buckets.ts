import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { INestApplication } from '@nestjs/common';

/**
 * Makes every write to `metrics_minutes` fail (a trigger), so that `record` fails after its
 * ledger insert, until the returned function drops the trigger: what a process dying between
 * the two writes leaves behind, as far as the database can tell.
 */
export async function interruptSqlBucketWrites(
  app: INestApplication,
): Promise<() => Promise<void>> {
  const em = app.get(MikroORM).em.fork() as SqlEntityManager;
  if (em.getPlatform().getDateTimeTypeDeclarationSQL({}) === 'datetime') {
    // SQLite
    await em.execute(
      `create trigger "metrics_interrupted" before insert on "metrics_minutes"
       begin select raise(abort, 'interrupted'); end`,
    );
    return async () => {
      await em.execute('drop trigger "metrics_interrupted"');
    };
  }
  await em.execute(
    `create function "metrics_interrupted"() returns trigger language plpgsql
     as $$ begin raise exception 'interrupted'; end $$`,
  );
  await em.execute(
    `create trigger "metrics_interrupted" before insert on "metrics_minutes"
     for each row execute function "metrics_interrupted"()`,
  );
  return async () => {
    await em.execute('drop trigger "metrics_interrupted" on "metrics_minutes"');
    await em.execute('drop function "metrics_interrupted"()');
  };
}
