import { Migration } from '@mikro-orm/migrations';

/** The events table, with indexes for the API's filters and the analytics' time windows. */
export class M301SeverityEvents extends Migration {
  override name = 'M301SeverityEvents';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    this.addSql(
      `create table if not exists "severity_events" (
        "id" ${uuid} not null primary key,
        "title" varchar(200) not null,
        "message" text not null,
        "status" varchar(16) not null,
        "source" varchar(100) not null,
        "created_at" ${timestamp} not null,
        "dispatched_at" ${timestamp} null,
        "processed_at" ${timestamp} null,
        "processed_by" varchar(100) null,
        "attempts" integer not null default 0)`,
    );
    this.addSql(
      'create index if not exists "severity_events_created_at_index" on "severity_events" ("created_at")',
    );
    this.addSql(
      'create index if not exists "severity_events_status_created_at_index" on "severity_events" ("status", "created_at")',
    );
    this.addSql(
      'create index if not exists "severity_events_dispatched_at_index" on "severity_events" ("dispatched_at")',
    );
  }

  override down(): void {
    this.addSql('drop table if exists "severity_events"');
  }
}
