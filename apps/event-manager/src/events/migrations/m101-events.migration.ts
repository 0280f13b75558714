import { Migration } from '@mikro-orm/migrations';

/**
 * The events table. Column types come from the platform (PostgreSQL: `uuid`, `timestamptz`;
 * SQLite: its own), so one migration serves both; the index backs `allEvents`' ordering.
 */
export class M101Events extends Migration {
  override name = 'M101Events';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    this.addSql(
      `create table if not exists "events" (
        "uuid" ${uuid} not null primary key,
        "name" varchar(255) not null,
        "source" varchar(16) not null,
        "description" varchar(2000) null,
        "created_at" ${timestamp} not null,
        "updated_at" ${timestamp} not null)`,
    );
    this.addSql(
      'create index if not exists "events_created_at_uuid_index" on "events" ("created_at", "uuid")',
    );
  }

  override down(): void {
    this.addSql('drop table if exists "events"');
  }
}
