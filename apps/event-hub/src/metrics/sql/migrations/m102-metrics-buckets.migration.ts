import { Migration } from '@mikro-orm/migrations';

/**
 * The per-minute buckets and the ledger of the ids counted in them. Column types come from
 * the platform (PostgreSQL: `uuid`, `timestamptz(3)`; SQLite: its own), `bigint` is 64-bit on
 * both, so one migration serves both. The ledger's `counted_at` index backs the sweep of
 * expired ids; the buckets' primary key (minute, type) backs both the upsert and `buckets()`.
 */
export class M102MetricsBuckets extends Migration {
  override name = 'M102MetricsBuckets';

  override up(): void {
    const platform = this.driver.getPlatform();
    const uuid = platform.getUuidTypeDeclarationSQL({});
    const timestamp = platform.getDateTimeTypeDeclarationSQL({ length: 3 });
    this.addSql(
      `create table if not exists "metric_ids" (
        "event_id" ${uuid} not null primary key,
        "counted_at" ${timestamp} not null)`,
    );
    this.addSql(
      'create index if not exists "metric_ids_counted_at_index" on "metric_ids" ("counted_at")',
    );
    this.addSql(
      `create table if not exists "metrics_minutes" (
        "minute" ${timestamp} not null,
        "event_type" varchar(16) not null,
        "count" bigint not null,
        "total_cents" bigint not null,
        primary key ("minute", "event_type"))`,
    );
  }

  override down(): void {
    this.addSql('drop table if exists "metrics_minutes"');
    this.addSql('drop table if exists "metric_ids"');
  }
}
