import { Migration } from '@mikro-orm/migrations';

/**
 * The events table. Column types come from the platform (PostgreSQL: `uuid`, `timestamptz(3)`,
 * `double precision`; SQLite: its own), so one migration serves both. The indexes back
 * `latest()`'s order, alone and under its user and type filters.
 */
export class M101Events extends Migration {
  override name = 'M101Events';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    const double = platform.getDoubleDeclarationSQL();
    this.addSql(
      `create table if not exists "events" (
        "id" ${uuid} not null primary key,
        "user_id" varchar(128) not null,
        "event_type" varchar(16) not null,
        "amount" ${double} not null,
        "timestamp" ${timestamp} not null,
        "idempotency_key" varchar(128) null,
        "received_at" ${timestamp} not null)`,
    );
    const order = '"timestamp", "received_at", "id"';
    this.addSql(`create index if not exists "events_timestamp_index" on "events" (${order})`);
    this.addSql(
      `create index if not exists "events_user_id_index" on "events" ("user_id", ${order})`,
    );
    this.addSql(
      `create index if not exists "events_event_type_index" on "events" ("event_type", ${order})`,
    );
  }

  override down(): void {
    this.addSql('drop table if exists "events"');
  }
}
