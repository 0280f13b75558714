import { Migration } from '@mikro-orm/migrations';

/** The inbox table. Plain SQL that SQLite and PostgreSQL both accept. */
export class M001ProcessedEvents extends Migration {
  override name = 'M001ProcessedEvents';

  override up(): void {
    this.addSql(
      `create table if not exists "processed_events" (
        "consumer" varchar(255) not null,
        "event_id" varchar(255) not null,
        "processed_at" timestamp not null,
        primary key ("consumer", "event_id"))`,
    );
  }

  override down(): void {
    this.addSql('drop table if exists "processed_events"');
  }
}
